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
            for kind in kinds {
                let frozen = cursor?.statistics[kind]
                let matches = try state.matches(for: ListQuery(kind: kind, q: query.q), statistics: frozen)
                guard let search = matches.search else { continue }
                statistics[kind] = search.statistics
                let index = state[kind]
                for id in matches.ids ?? [] {
                    let score = index.search.score(
                        id, terms: search.parsed.positiveTerms, statistics: search.statistics)
                    hits.append((ResourceKey(kind, id), score))
                }
            }
            func precedes(_ lhs: (key: ResourceKey, score: Double), _ rhs: (key: ResourceKey, score: Double)) -> Bool {
                lhs.score != rhs.score ? lhs.score > rhs.score : lhs.key < rhs.key
            }
            let total = hits.count
            if let cursor, case .score(let score)? = cursor.position.value {
                let last = (ResourceKey(cursor.kind, cursor.position.id), score)
                hits.removeAll { !precedes(last, $0) }
            }
            hits.sort(by: precedes)
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
            let terms = Set(parsed.positiveTerms)
            let items = page.compactMap { hit -> ListItem? in
                guard let stored = state.stored(hit.key) else { return nil }
                let snippet = Snippet.make(fields: state.searchFields(of: stored.resource), terms: terms)
                return ListItem(stored: stored, score: hit.score, snippet: snippet)
            }
            return InMemoryStore.makePage(items: items, nextCursor: next, total: total, fingerprint: fingerprint)
        }
    }
}
