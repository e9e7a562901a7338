import Foundation
import PeaceTalksModel

/// The matches of a query before ordering: the ids (nil = every resource of the kind) and, with `q`, the search.
struct QueryMatches {
    /// The matching ids; `nil` means all of the kind (no filter at all).
    var ids: Set<ResourceID>?
    /// With `q`: the search and the statistics scores are computed with.
    var search: SearchContext?
}

/// A `q` resolved against one kind's index, with the BM25 statistics its scores use.
struct SearchContext {
    /// The parsed `q`.
    var parsed: ParsedSearch
    /// `parsed` in the index's term numbers.
    var resolved: ResolvedSearch
    /// The statistics (frozen in a cursor while paging).
    var statistics: SearchStatistics
}

extension StoreState {
    /// Resolves the filters, scope, date range and `q` of `query` to its matches.
    func matches(for query: ListQuery, statistics frozen: SearchStatistics?) throws(StoreError) -> QueryMatches {
        let filtered = try filteredIDs(for: query)
        guard let search = try searchContext(query.q, kind: query.kind, statistics: frozen) else {
            return QueryMatches(ids: filtered, search: nil)
        }
        let index = self[query.kind].search
        let ids = index.matchingIDs(search.resolved, allowed: filtered.map(index.documentSet))
        return QueryMatches(ids: ids, search: search)
    }

    /// `q` parsed and resolved for `kind`; `nil` when `q` is absent or blank. A `q` whose only terms are
    /// exclusions is an invalid query (openapi.json, clarification 6).
    func searchContext(
        _ q: String?, kind: ResourceKind, statistics frozen: SearchStatistics?
    ) throws(StoreError) -> SearchContext? {
        guard let q, q.hasContent else { return nil }
        let parsed = ParsedSearch(q.nfc)
        if parsed.positiveTerms.isEmpty, !parsed.isEmpty {
            throw .invalidQuery("q needs at least one term that is not excluded with '-'")
        }
        let index = self[kind].search
        return SearchContext(
            parsed: parsed, resolved: index.resolve(parsed),
            statistics: frozen ?? index.statistics(for: parsed.positiveTerms))
    }

    /// Resolves the filters, scope and date range of `query` (not `q`); `nil` means every resource of the kind.
    func filteredIDs(for query: ListQuery) throws(StoreError) -> Set<ResourceID>? {
        let index = self[query.kind]
        var sets: [Set<ResourceID>] = []
        if let scope = query.scope {
            guard let field = ListQuery.scopeFilter(parent: scope.kind, child: query.kind) else {
                throw .invalidQuery("\(scope.kind.rawValue) have no \(query.kind.rawValue) list")
            }
            guard contains(scope) else { throw .notFound(scope) }
            sets.append(index.ids(field: field, value: scope.id.rawValue))
        }
        let allowed = ListQuery.allowedFilters(for: query.kind)
        for (field, rawValues) in query.filters {
            guard allowed.contains(field) else {
                throw .invalidQuery("unknown filter '\(field)' for \(query.kind.rawValue)")
            }
            let values = try StoreState.filterValues(rawValues, field: field, kind: query.kind)
            var union: Set<ResourceID> = []
            for value in values {
                if query.kind == .participants, field == "talks" {
                    if case .talks(let talks)? = self.talks.resources[ResourceID(value) ?? .unassigned]?.resource {
                        union.formUnion(talks.participants)
                    }
                } else {
                    union.formUnion(index.ids(field: field, value: FilterValues.normalize(value, field: field)))
                }
            }
            sets.append(union)
        }
        if query.from != nil || query.to != nil {
            guard ListQuery.acceptsDateRange(query.kind) else {
                throw .invalidQuery("\(query.kind.rawValue) take no from/to")
            }
            sets.append(dateRange(query.kind, from: query.from, to: query.to))
        }
        return StoreState.intersect(sets)
    }

    /// Splits comma-separated values and checks enum and id filters.
    private static func filterValues(_ raw: [String], field: String, kind: ResourceKind) throws(StoreError) -> [String]
    {
        let values = raw.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !values.isEmpty else { throw .invalidQuery("filter '\(field)' needs a value") }
        for value in values {
            let valid: Bool
            switch (kind, field) {
            case (.participants, "kind"): valid = ParticipantKind(rawValue: value) != nil
            case (.participants, "side"): valid = ParticipantSide(rawValue: value) != nil
            case (.statements, "kind"): valid = StatementKind(rawValue: value) != nil
            case (_, "participant"), (_, "talks"), (_, "article"), (_, "affiliation"): valid = ResourceID(value) != nil
            case (_, "language"): valid = LanguageTag.isWellFormed(value)
            default: valid = true
            }
            guard valid else { throw .invalidQuery("'\(value)' is not a valid value for filter '\(field)'") }
        }
        return values
    }

    private static func intersect(_ sets: [Set<ResourceID>]) -> Set<ResourceID>? {
        let ordered = sets.sorted { $0.count < $1.count }
        guard var result = ordered.first else { return nil }
        for set in ordered.dropFirst() {
            if result.isEmpty { break }
            result = result.filter { set.contains($0) }
        }
        return result
    }

    /// The ids whose date lies in `from…to` (inclusive); talks match when their days overlap the range.
    private func dateRange(_ kind: ResourceKind, from: RangeBound?, to: RangeBound?) -> Set<ResourceID> {
        let index = self[kind]
        switch kind {
        case .articles:
            let lower = from.map { bound -> SortValue in
                switch bound {
                case .date(let date): .integer(Int64(date.daysSinceEpoch) * 86_400_000)
                case .time(let time): .integer(Int64((time.timeIntervalSince1970 * 1000).rounded()))
                }
            }
            let upper = to.map { bound -> SortValue in
                switch bound {
                case .date(let date): .integer(Int64(date.daysSinceEpoch + 1) * 86_400_000 - 1)
                case .time(let time): .integer(Int64((time.timeIntervalSince1970 * 1000).rounded()))
                }
            }
            return Set(index.sorted.keyedRange(from: lower, through: upper).map(\.id))
        case .statements:
            return Set(
                index.sorted.keyedRange(from: from.map(StoreState.day), through: to.map(StoreState.day)).map(\.id))
        case .talks:
            let lowerDay = from.map(StoreState.day)
            return Set(
                index.sorted.keyedRange(from: nil, through: to.map(StoreState.day)).compactMap { position in
                    guard let lowerDay else { return position.id }
                    guard case .talks(let talks)? = index.resources[position.id]?.resource,
                        let start = talks.startDate
                    else { return nil }
                    let end = SortValue.integer(Int64((talks.endDate ?? start).daysSinceEpoch))
                    return end >= lowerDay ? position.id : nil
                })
        case .participants:
            return []
        }
    }

    /// The day number of a bound (a time counts as the UTC day it falls on).
    private static func day(_ bound: RangeBound) -> SortValue {
        switch bound {
        case .date(let date): .integer(Int64(date.daysSinceEpoch))
        case .time(let time): .integer(Int64((time.timeIntervalSince1970 / 86_400).rounded(.down)))
        }
    }
}
