import HTTPServer
import PeaceTalksModel
import PeaceTalksStore

/// A list request (`GET /v1/{kind}` and the sub-resource lists) checked against API.md "Lists" and turned into
/// a store query plus how to present the page.
struct ListRequest {
    /// What the store is asked for.
    var query: ListQuery
    /// `include=body` (articles only): full bodies instead of excerpts.
    var includeBody = false
    /// `format=csv` or `Accept: text/csv`.
    var csv = false
    /// `pretty=true`.
    var pretty = false

    /// Reads `request`'s query for a list of `kind`, optionally scoped to a parent.
    init(_ kind: ResourceKind, scope: ResourceKey? = nil, request: HTTPRequest) throws(APIError) {
        var allowed = Self.filterNames(for: kind).union(["limit", "cursor", "sort", "format", "pretty"])
        if kind == .articles { allowed.insert("include") }
        let parameters = try QueryParameters(request.query, allowed: allowed)
        query = try Self.makeQuery(kind, scope: scope, parameters: parameters)
        query.limit = try parameters.limit(default: ListQuery.defaultLimit, maximum: ListQuery.limitRange.upperBound)
        query.cursor = try parameters.single("cursor")
        if let sort = try parameters.single("sort") {
            guard let parsed = ListSort(parameter: sort, for: kind) else {
                let fields = ListSort.fields(for: kind).flatMap { [$0.rawValue, "-" + $0.rawValue] }
                throw .badQuery("sort=\(sort) is not accepted for \(kind.rawValue); use one of: "
                    + fields.joined(separator: ", ") + ".")
            }
            query.sort = parsed
        }
        switch try parameters.single("format") {
        case nil: csv = request.headers.values(for: HTTPHeaders.accept).acceptsExplicitly(MediaType.csv)
        case "csv": csv = true
        case "json": csv = false
        case let other?: throw .badQuery("format=\(other) is not supported; use format=json or format=csv.")
        }
        includeBody = try Self.includeBody(parameters)
        pretty = try parameters.flag("pretty")
    }

    /// `include=body` (absent: false).
    static func includeBody(_ parameters: QueryParameters) throws(APIError) -> Bool {
        switch try parameters.single("include") {
        case nil: return false
        case "body": return true
        case let other?: throw .badQuery("include=\(other) is not supported; the only value is include=body.")
        }
    }

    /// The names that filter a list of `kind`: `q`, the kind's fields (under their `renamed` parameter name, if
    /// any), and `from`/`to` where it has a date.
    static func filterNames(for kind: ResourceKind, renamed: [String: String] = [:]) -> Set<String> {
        var names = Set(ListQuery.allowedFilters(for: kind).map { renamed[$0] ?? $0 }).union(["q"])
        if ListQuery.acceptsDateRange(kind) { names.formUnion(["from", "to"]) }
        return names
    }

    /// The filter part of a query (`q`, fields, `from`/`to`), each value checked; shared with `/v1/volume`,
    /// which reads some fields under another parameter name (`renamed`: field → parameter).
    static func makeQuery(
        _ kind: ResourceKind, scope: ResourceKey?, parameters: QueryParameters, renamed: [String: String] = [:]
    ) throws(APIError) -> ListQuery {
        var query = ListQuery(kind: kind, scope: scope)
        // A blank `q` is no query (openapi.json).
        if let q = try parameters.single("q"), q.contains(where: { !$0.isWhitespace }) { query.q = q }
        for field in ListQuery.allowedFilters(for: kind) {
            let name = renamed[field] ?? field
            let values = try parameters.multiple(name)
            guard !values.isEmpty else { continue }
            for value in values { try checkFilterValue(value, field: field, name: name, kind: kind) }
            query.filters[field] = values
        }
        query.from = try bound("from", parameters)
        query.to = try bound("to", parameters)
        return query
    }

    private static func bound(_ name: String, _ parameters: QueryParameters) throws(APIError) -> RangeBound? {
        guard let text = try parameters.single(name) else { return nil }
        guard let bound = RangeBound(text) else {
            throw .badQuery("\(name)=\(text) is neither a date (YYYY-MM-DD) nor an RFC 3339 time.")
        }
        return bound
    }

    /// A 400 unless `value` has the syntax of `field` (an id, a language tag, an enumeration value).
    private static func checkFilterValue(
        _ value: String, field: String, name: String, kind: ResourceKind
    ) throws(APIError) {
        switch (kind, field) {
        case (_, "participant"), (_, "talks"), (_, "article"), (_, "affiliation"):
            guard ResourceID.isValid(value) else {
                throw .badQuery("\(name)=\(value) is not a valid id (1–64 characters of a-z, 0-9 and -).")
            }
        case (_, "language"):
            guard LanguageTag.isWellFormed(value) else {
                throw .badQuery("language=\(value) is not a well-formed BCP 47 language tag.")
            }
        case (.participants, "kind"): try checkEnumeration(value, name: name, ParticipantKind.self)
        case (.participants, "side"): try checkEnumeration(value, name: name, ParticipantSide.self)
        case (.statements, "kind"): try checkEnumeration(value, name: name, StatementKind.self)
        default: break
        }
    }

    private static func checkEnumeration<E: RawRepresentable & CaseIterable>(
        _ value: String, name: String, _: E.Type
    ) throws(APIError) where E.RawValue == String {
        guard E(rawValue: value) == nil else { return }
        let values = E.allCases.map(\.rawValue).joined(separator: ", ")
        throw .badQuery("\(name)=\(value) is not one of: \(values).")
    }
}
