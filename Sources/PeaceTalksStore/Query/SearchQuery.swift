import PeaceTalksModel

/// `GET /v1/search`: one relevance-ranked list over several kinds.
package struct SearchQuery: Hashable, Sendable {
    /// The search text (API.md "Search").
    package var q: String
    /// The kinds searched; all when empty.
    package var kinds: Set<ResourceKind>
    /// The page size, 1–100.
    package var limit: Int
    /// The opaque `next_cursor` of the previous page.
    package var cursor: String?

    /// Makes a search.
    package init(q: String, kinds: Set<ResourceKind> = [], limit: Int = ListQuery.defaultLimit, cursor: String? = nil) {
        self.q = q
        self.kinds = kinds
        self.limit = limit
        self.cursor = cursor
    }
}
