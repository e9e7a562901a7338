import Foundation
import PeaceTalksModel

extension InMemoryStore {
    /// The articles (at `published_at`) and statements (at midnight UTC of `said_on`) of a round, oldest first;
    /// at the same instant articles come before statements, then by id; undated entries last.
    package func timeline(talks id: ResourceID) throws(StoreError) -> [TimelineItem] {
        try read { (state: borrowing StoreState) throws(StoreError) -> [TimelineItem] in
            let key = ResourceKey(.talks, id)
            guard state.contains(key) else { throw .notFound(key) }
            var items: [TimelineItem] = []
            for kind in [ResourceKind.articles, .statements] {
                let index = state[kind]
                for member in index.ids(field: "talks", value: id.rawValue) {
                    guard let stored = index.resources[member] else { continue }
                    switch stored.resource {
                    case .article(let article): items.append(TimelineItem(stored: stored, at: article.publishedAt))
                    case .statement(let statement):
                        items.append(TimelineItem(stored: stored, at: statement.saidOn.map(Timestamp.startOfDay)))
                    default: break
                    }
                }
            }
            return items.sorted { lhs, rhs in
                switch (lhs.at, rhs.at) {
                case (nil, .some): return false
                case (.some, nil): return true
                case (.some(let left), .some(let right)) where left != right: return left < right
                default: return lhs.stored.key < rhs.stored.key
                }
            }
        }
    }
}
