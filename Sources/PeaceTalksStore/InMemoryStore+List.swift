import Foundation
import PeaceTalksModel

extension InMemoryStore {
    /// One page of a filtered, sorted list (keyset pagination; see `PageCursor`).
    package func list(_ query: ListQuery) throws(StoreError) -> ListPage {
        guard ListQuery.limitRange.contains(query.limit) else {
            throw .invalidQuery("limit must be between 1 and 100")
        }
        let searching = query.q?.hasContent == true
        let sort = query.sort ?? (searching ? ListSort(.relevance, descending: true) : .defaultSort(for: query.kind))
        guard sort.field == .relevance ? searching : ListSort.fields(for: query.kind).contains(sort.field) else {
            throw .invalidQuery("\(query.kind.rawValue) cannot be sorted by \(sort.field.rawValue)")
        }
        let fingerprint = InMemoryStore.fingerprint(of: query, sort: sort)
        let cursor = try query.cursor.map { (text: String) throws(StoreError) -> PageCursor in
            try PageCursor(decoding: text, fingerprint: fingerprint)
        }
        return try read { (state: borrowing StoreState) throws(StoreError) -> ListPage in
            let index = state[query.kind]
            let frozen = cursor?.statistics[query.kind]
            let matches: QueryMatches
            let total: Int
            var positions: [SortPosition] = []
            var scores: [ResourceID: Double] = [:]
            if sort.field == .relevance,
                let search = try state.searchContext(query.q, kind: query.kind, statistics: frozen)
            {
                // Ranked straight from the index: top `limit + 1` after the cursor, the total counted on the way.
                matches = QueryMatches(ids: nil, search: search)
                let allowed = try state.filteredIDs(for: query).map(index.search.documentSet)
                let isAfter = cursor.map { cursor -> (Double, ResourceID) -> Bool in
                    let last = cursor.position
                    guard case .score(let lastScore)? = last.value else { return { _, _ in true } }
                    return { score, id in score < lastScore || (score == lastScore && id > last.id) }
                }
                let ranked = index.search.ranked(
                    search.resolved, statistics: search.statistics, allowed: allowed, limit: query.limit + 1,
                    isAfter: isAfter)
                total = ranked.total
                for hit in ranked.hits {
                    let id = index.search.id(of: hit.document)
                    positions.append(SortPosition(value: .score(hit.score), id: id))
                    scores[id] = hit.score
                }
            } else {
                matches = try state.matches(for: query, statistics: frozen)
                total = matches.ids?.count ?? index.resources.count
                if matches.ids == nil || matches.ids!.count * 4 >= index.resources.count {
                    index.sorted.walk(descending: sort.descending, after: cursor?.position) { position in
                        if matches.ids?.contains(position.id) ?? true { positions.append(position) }
                        return positions.count <= query.limit
                    }
                } else {
                    positions = matches.ids!.compactMap { id in
                        index.resources[id].map {
                            SortPosition(value: SortValue.of($0.resource, field: sort.field), id: id)
                        }
                    }
                    positions = InMemoryStore.pageSlice(
                        positions, descending: sort.descending, after: cursor?.position, limit: query.limit)
                }
            }
            var next: String?
            if positions.count > query.limit {
                positions.removeLast(positions.count - query.limit)
                let statistics = matches.search.map { [query.kind: $0.statistics] } ?? [:]
                next =
                    PageCursor(
                        fingerprint: fingerprint, position: positions[positions.count - 1], kind: query.kind,
                        statistics: statistics
                    ).encoded
            }
            let items = positions.compactMap { position -> ListItem? in
                guard let stored = index.resources[position.id] else { return nil }
                guard let search = matches.search else { return ListItem(stored: stored) }
                let score =
                    scores[position.id]
                    ?? index.search.score(position.id, search: search.resolved, statistics: search.statistics)
                let snippet = Snippet.make(
                    fields: state.searchFields(of: stored.resource), terms: search.parsed.positiveTerms,
                    fieldMask: index.search.matchedFields(position.id, search: search.resolved))
                return ListItem(stored: stored, score: score, snippet: snippet)
            }
            return InMemoryStore.makePage(items: items, nextCursor: next, total: total, fingerprint: fingerprint)
        }
    }

    /// Sorts `positions`, keeps those after `after`, and returns at most `limit + 1` (the extra one tells whether
    /// another page follows).
    static func pageSlice(
        _ positions: [SortPosition], descending: Bool, after: SortPosition?, limit: Int
    ) -> [SortPosition] {
        var remaining = positions
        if let after { remaining.removeAll { !after.precedes($0, descending: descending) } }
        remaining.sort { $0.precedes($1, descending: descending) }
        return Array(remaining.prefix(limit + 1))
    }

    /// A stable hash of everything that selects and orders a list (not the page size or cursor).
    static func fingerprint(of query: ListQuery, sort: ListSort) -> UInt64 {
        var text = "list|\(query.kind.rawValue)|\(query.scope?.description ?? "")|"
        for field in query.filters.keys.sorted() {
            let values = query.filters[field, default: []].flatMap { $0.split(separator: ",") }
                .map { FilterValues.normalize($0.trimmingCharacters(in: .whitespaces), field: field) }.sorted()
            text += field + "=" + values.joined(separator: ",") + "&"
        }
        text += "|\(query.from?.description ?? "")|\(query.to?.description ?? "")|"
        if let q = query.q, q.hasContent { text += ParsedSearch(q.nfc).canonical }
        text += "|" + sort.parameter
        return ContentHash.fnv1a(text.utf8)
    }

    /// A page with its ETag: a hash of every item's ETag, score and snippet, the total and the next cursor.
    static func makePage(items: [ListItem], nextCursor: String?, total: Int, fingerprint: UInt64) -> ListPage {
        var hash = ContentHash.fnv1a(ContentHash.hex(fingerprint).utf8)
        for item in items {
            hash = ContentHash.fnv1a(item.stored.etag.utf8, seed: hash)
            if let score = item.score { hash = ContentHash.fnv1a("\(score)".utf8, seed: hash) }
            if let snippet = item.snippet { hash = ContentHash.fnv1a(snippet.utf8, seed: hash) }
        }
        hash = ContentHash.fnv1a("|\(total)|\(nextCursor ?? "")".utf8, seed: hash)
        return ListPage(items: items, nextCursor: nextCursor, total: total, etag: "\"" + ContentHash.hex(hash) + "\"")
    }
}
