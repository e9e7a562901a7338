import Foundation
import PeaceTalksModel

/// An inclusive bound of `from`/`to`: a date or an RFC 3339 time.
package enum RangeBound: Hashable, Sendable, CustomStringConvertible {
    case date(CalendarDate)
    case time(Date)

    /// Parses `YYYY-MM-DD` or an RFC 3339 time; `nil` otherwise.
    package init?(_ text: String) {
        if let date = CalendarDate(text) {
            self = .date(date)
        } else if let time = Timestamp.parse(text) {
            self = .time(time)
        } else {
            return nil
        }
    }

    /// The text form.
    package var description: String {
        switch self {
        case .date(let date): date.description
        case .time(let time): Timestamp.format(time)
        }
    }
}

/// The field a list is sorted by.
package enum SortField: String, Hashable, Sendable, CaseIterable {
    case publishedAt = "published_at"
    case saidOn = "said_on"
    case startDate = "start_date"
    case name
    /// BM25 score, best first; the default with `q` (not accepted as a `sort` parameter).
    case relevance
}

/// A sort order: a field and a direction. Ties are broken by id, ascending; null keys go last.
package struct ListSort: Hashable, Sendable {
    /// The field.
    package var field: SortField
    /// Newest/last first.
    package var descending: Bool

    /// Makes a sort order.
    package init(_ field: SortField, descending: Bool) {
        self.field = field
        self.descending = descending
    }

    /// Parses a `sort` parameter (`published_at`, `-published_at`…) allowed for `kind`; `nil` when not allowed.
    package init?(parameter: String, for kind: ResourceKind) {
        let descending = parameter.hasPrefix("-")
        guard let field = SortField(rawValue: descending ? String(parameter.dropFirst()) : parameter),
            ListSort.fields(for: kind).contains(field)
        else { return nil }
        self.init(field, descending: descending)
    }

    /// The sortable fields of `kind` (as `sort` parameters).
    package static func fields(for kind: ResourceKind) -> [SortField] {
        switch kind {
        case .articles: [.publishedAt]
        case .participants: [.name]
        case .statements: [.saidOn]
        case .talks: [.startDate]
        }
    }

    /// The default order of `kind` without `q`: newest first by date, participants by name.
    package static func defaultSort(for kind: ResourceKind) -> ListSort {
        switch kind {
        case .articles: ListSort(.publishedAt, descending: true)
        case .participants: ListSort(.name, descending: false)
        case .statements: ListSort(.saidOn, descending: true)
        case .talks: ListSort(.startDate, descending: true)
        }
    }

    /// The `sort` parameter text.
    package var parameter: String { (descending ? "-" : "") + field.rawValue }
}

/// One list request: kind, filters, search, order and page.
package struct ListQuery: Hashable, Sendable {
    /// The smallest and largest page size.
    package static let limitRange = 1...100
    /// The page size when none is given.
    package static let defaultLimit = 20

    /// The kind listed.
    package var kind: ResourceKind
    /// For sub-resource lists (`/v1/participants/{id}/statements`): the parent, which must exist.
    package var scope: ResourceKey?
    /// Field → accepted values (OR within a field, AND across fields); see `allowedFilters(for:)`.
    package var filters: [String: [String]]
    /// Inclusive lower bound on the kind's date (`published_at`, `said_on`, talks' dates).
    package var from: RangeBound?
    /// Inclusive upper bound on the kind's date.
    package var to: RangeBound?
    /// A search (see API.md "Search"); `nil` or blank for none.
    package var q: String?
    /// The order; `nil` for the default (relevance with `q`).
    package var sort: ListSort?
    /// The page size, 1–100.
    package var limit: Int
    /// The opaque `next_cursor` of the previous page.
    package var cursor: String?

    /// Makes a query; everything but the kind is optional.
    package init(
        kind: ResourceKind, scope: ResourceKey? = nil, filters: [String: [String]] = [:], from: RangeBound? = nil,
        to: RangeBound? = nil, q: String? = nil, sort: ListSort? = nil, limit: Int = ListQuery.defaultLimit,
        cursor: String? = nil
    ) {
        self.kind = kind
        self.scope = scope
        self.filters = filters
        self.from = from
        self.to = to
        self.q = q
        self.sort = sort
        self.limit = limit
        self.cursor = cursor
    }

    /// The filter fields `kind` accepts besides `q`, `from` and `to` (API.md "Lists").
    package static func allowedFilters(for kind: ResourceKind) -> Set<String> {
        switch kind {
        case .articles: ["language", "source", "participant", "talks"]
        case .participants: ["kind", "side", "talks", "affiliation"]
        case .statements: ["participant", "talks", "article", "language", "kind", "topic"]
        case .talks: ["process", "participant"]
        }
    }

    /// Whether `kind` accepts `from`/`to`.
    package static func acceptsDateRange(_ kind: ResourceKind) -> Bool { kind != .participants }

    /// The parents a sub-resource list of `kind` may have, with the filter field the parent fixes.
    package static func scopeFilter(parent: ResourceKind, child: ResourceKind) -> String? {
        switch (parent, child) {
        case (.participants, .statements), (.participants, .articles): "participant"
        case (.talks, .statements), (.talks, .articles): "talks"
        default: nil
        }
    }
}

/// One item of a list page: the stored resource, plus score and snippet when the list had `q`.
package struct ListItem: Sendable {
    /// The resource.
    package var stored: StoredResource
    /// The BM25 score (with `q`).
    package var score: Double?
    /// The best-matching passage, HTML-escaped, matches wrapped in `<mark>…</mark>` (with `q`).
    package var snippet: String?

    /// Makes an item.
    package init(stored: StoredResource, score: Double? = nil, snippet: String? = nil) {
        self.stored = stored
        self.score = score
        self.snippet = snippet
    }

    /// The item's JSON: the list form (articles without `body` unless `includeBody`), then `score` and `snippet`
    /// when present.
    package func json(includeBody: Bool = false, pretty: Bool = false) -> [UInt8] {
        if score == nil, snippet == nil, !pretty {
            return includeBody ? stored.json : stored.listItemJSON
        }
        var value: JSONValue
        if case .article(let article) = stored.resource {
            value = article.jsonValue(excerptInsteadOfBody: !includeBody)
        } else {
            value = stored.resource.jsonValue
        }
        if var object = value.objectValue {
            if let score { object["score"] = .number((score * 10_000).rounded() / 10_000) }
            if let snippet { object["snippet"] = .string(snippet) }
            value = .object(object)
        }
        return value.encoded(pretty: pretty)
    }
}

/// One page of a list.
package struct ListPage: Sendable {
    /// The page's items in order.
    package var items: [ListItem]
    /// The cursor of the next page; `nil` on the last page.
    package var nextCursor: String?
    /// How many items match the query in all.
    package var total: Int
    /// A strong ETag of the page's content (quoted); changes whenever any item, the total or the cursor does.
    package var etag: String
}
