import PeaceTalksModel

extension InMemoryStore {
    /// One page of a relevance-ranked search over several kinds: score descending, then kind, then id.
    package func search(_ query: SearchQuery) throws(StoreError) -> ListPage {
        guard ListQuery.limitRange.contains(query.limit) else {
            throw .invalidQuery("limit must be between 1 and 100")
        }
        let kinds = (query.kinds.isEmpty ? Set(ResourceKind.allCases) : query.kinds).sorted()
        let parsed = ParsedSearch(query.q.nfc)
        let fingerprint = ContentHash.fnv1a(
            ("search|" + kinds.map(\.rawValue).joined(separator: ",") + "|" + parsed.canonical).utf8)
        let cursor = try query.cursor.map { (text: String) throws(StoreError) -> PageCursor in
            try PageCursor(decoding: text, fingerprint: fingerprint)
        }
        return try read { (state: borrowing StoreState) throws(StoreError) -> ListPage in
            var hits: [(key: ResourceKey, score: Double)] = []
            var statistics: [ResourceKind: SearchStatistics] = [:]
            var contexts: [ResourceKind: SearchContext] = [:]
            var total = 0
            for kind in kinds {
                let frozen = cursor?.statistics[kind]
                guard let search = try state.searchContext(query.q, kind: kind, statistics: frozen) else { continue }
                statistics[kind] = search.statistics
                contexts[kind] = search
                let index = state[kind].search
                // Each kind contributes its best `limit + 1` after the cursor; the merge below picks the page.
                let ranked = index.ranked(
                    search.resolved, statistics: search.statistics, allowed: nil, limit: query.limit + 1,
                    isAfter: cursor.map { InMemoryStore.follows($0, in: kind) })
                total += ranked.total
                hits += ranked.hits.map { (ResourceKey(kind, index.id(of: $0.document)), $0.score) }
            }
            hits.sort { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
            var page = Array(hits.prefix(query.limit + 1))
            var next: String?
            if page.count > query.limit {
                page.removeLast()
                let last = page[page.count - 1]
                next =
                    PageCursor(
                        fingerprint: fingerprint, position: SortPosition(value: .score(last.score), id: last.key.id),
                        kind: last.key.kind, statistics: statistics
                    ).encoded
            }
            let items = page.compactMap { hit -> ListItem? in
                guard let stored = state.stored(hit.key), let search = contexts[hit.key.kind] else { return nil }
                let snippet = Snippet.make(
                    fields: state.searchFields(of: stored.resource), terms: search.parsed.positiveTerms,
                    fieldMask: state[hit.key.kind].search.matchedFields(hit.key.id, search: search.resolved))
                return ListItem(stored: stored, score: hit.score, snippet: snippet)
            }
            return InMemoryStore.makePage(items: items, nextCursor: next, total: total, fingerprint: fingerprint)
        }
    }

    /// Whether a hit of `kind` with a score and id comes after `cursor` in the cross-kind order.
    private static func follows(_ cursor: PageCursor, in kind: ResourceKind) -> (Double, ResourceID) -> Bool {
        guard case .score(let last)? = cursor.position.value else { return { _, _ in true } }
        let lastKey = ResourceKey(cursor.kind, cursor.position.id)
        return { score, id in score < last || (score == last && lastKey < ResourceKey(kind, id)) }
    }
}
