import Foundation
import PeaceTalksModel
import Synchronization
import Testing

@testable import PeaceTalksStore

/// Bounded concurrent readers and writers, then a full-scan check of every index and invariant.
@Suite struct InMemoryStoreConcurrencyTests {
    private static let writerCount = 4
    private static let readerCount = 4
    private static let operationsPerWriter = 250
    private static let deadline: TimeInterval = 10

    @Test(.timeLimit(.minutes(1)))
    func concurrentReadersAndWriters_KeepEveryInvariant() throws {
        let store = InMemoryStore()
        let participants = (0..<20).map { ResourceID(stringLiteral: "p\($0)") }
        for id in participants {
            _ = try store.create(Make.participant(id, "Person \(id.rawValue)", side: .observer))
        }
        var preexisting: [String] = []
        for index in 0..<150 {
            let day = String(format: "2017-01-%02dT%02d:00:00Z", 1 + index % 28, index % 24)
            let id = ResourceID(stringLiteral: "a\(index)")
            _ = try store.create(
                Make.article(
                    id, title: "Astana talks \(index)", body: "round \(index % 3)",
                    published: index % 10 == 0 ? nil : day, participants: [participants[index % 20]]))
            preexisting.append(id.rawValue)
        }
        let shared = Shared(writers: InMemoryStoreConcurrencyTests.writerCount)
        let expected = Set(preexisting)
        let start = Date()
        let group = DispatchGroup()
        for writer in 0..<InMemoryStoreConcurrencyTests.writerCount {
            group.enter()
            Thread.detachNewThread {
                defer {
                    shared.writersLeft.withLock { $0 -= 1 }
                    group.leave()
                }
                Self.runWriter(writer, store: store, participants: participants, shared: shared, start: start)
            }
        }
        for reader in 0..<InMemoryStoreConcurrencyTests.readerCount {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                Self.runReader(reader, store: store, preexisting: expected, shared: shared, start: start)
            }
        }
        #expect(group.wait(timeout: .now() + 30) == .success)
        let failures = shared.failures.withLock { $0 }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(shared.walks.withLock { $0 } > 0, "readers walked pages while writers ran")
        try Self.checkInvariants(store)
        for id in preexisting { #expect(store.get(.articles, id: ResourceID(stringLiteral: id)) != nil) }
    }

    /// Creates, replaces and deletes its own articles and statements; tries to delete referenced participants.
    private static func runWriter(
        _ writer: Int, store: InMemoryStore, participants: [ResourceID], shared: Shared, start: Date
    ) {
        var own: [ResourceKey] = []
        for step in 0..<operationsPerWriter where Date().timeIntervalSince(start) < deadline {
            let participant = participants[(writer * 7 + step) % participants.count]
            do {
                switch step % 5 {
                case 0, 1:
                    let article = try store.create(
                        Make.article(
                            title: "Writer \(writer) talks", body: "step \(step)",
                            published: String(format: "2017-01-%02dT12:00:00Z", 1 + step % 28),
                            participants: [participant]))
                    own.append(article.key)
                case 2:
                    let statement = try store.create(
                        Make.statement(participant: participant, text: "said \(step)", saidOn: "2017-01-23"))
                    own.append(statement.key)
                case 3:
                    guard let key = own.last, key.kind == .articles else { continue }
                    _ = try store.replace(
                        Make.article(key.id, title: "Rewritten", body: "x", participants: [participant]),
                        ifMatch: store.get(key.kind, id: key.id)?.etag)
                default:
                    if let key = own.popLast() { try store.delete(key.kind, id: key.id, ifMatch: nil) }
                    do {
                        try store.delete(.participants, id: participant, ifMatch: nil)
                        shared.failures.withLock { $0.append("deleted referenced participant \(participant)") }
                    } catch .referenced {
                    }
                }
            } catch {
                shared.failures.withLock { $0.append("writer \(writer) step \(step): \(error)") }
            }
        }
    }

    /// Walks article pages while writers run: each pre-existing article exactly once, no id twice.
    private static func runReader(
        _ reader: Int, store: InMemoryStore, preexisting: Set<String>, shared: Shared, start: Date
    ) {
        let queries = [
            ListQuery(kind: .articles),
            ListQuery(kind: .articles, sort: ListSort(.publishedAt, descending: false)),
            ListQuery(kind: .articles, q: "astana talks"),
        ]
        var round = 0
        while shared.writersLeft.withLock({ $0 }) > 0, Date().timeIntervalSince(start) < deadline {
            let query = queries[(reader + round) % queries.count]
            round += 1
            do {
                let ids = try store.walk(query, limit: 7 + reader)
                if Set(ids).count != ids.count { shared.failures.withLock { $0.append("a walk repeated an item") } }
                shared.walks.withLock { $0 += 1 }
                let missed = preexisting.subtracting(ids)
                if !missed.isEmpty {
                    shared.failures.withLock { $0.append("walk missed \(missed.sorted().prefix(5))") }
                }
            } catch {
                shared.failures.withLock { $0.append("reader \(reader): \(error)") }
            }
        }
    }

    /// Every index agrees with a full scan; totals are exact; no reference dangles.
    static func checkInvariants(_ store: InMemoryStore) throws {
        try store.read { (state: borrowing StoreState) throws in
            var referrers: [ResourceKey: Set<ResourceKey>] = [:]
            for kind in ResourceKind.allCases {
                let index = state[kind]
                var expectedFilters: [String: [String: Set<ResourceID>]] = [:]
                var expectedSorted = SortedIndex()
                for (id, stored) in index.resources {
                    #expect(stored.resource.id == id && stored.resource.kind == kind)
                    for (field, value) in FilterValues.of(stored.resource) {
                        expectedFilters[field, default: [:]][value, default: []].insert(id)
                    }
                    expectedSorted.insert(
                        SortPosition(value: SortValue.of(stored.resource, field: index.sortField), id: id))
                    for reference in stored.resource.references {
                        #expect(state.contains(reference.target), "dangling \(reference.target) from \(id)")
                        referrers[reference.target, default: []].insert(stored.key)
                    }
                }
                #expect(index.filters == expectedFilters, "filter index of \(kind)")
                #expect(index.sorted.keyed == expectedSorted.keyed && index.sorted.unkeyed == expectedSorted.unkeyed)
                #expect(Set(index.search.numbers.keys) == Set(index.resources.keys), "search index of \(kind)")
                #expect(index.search.liveCount == index.resources.count)
                #expect(
                    index.search.postings.allSatisfy { list in
                        list.documents.count(where: index.search.live.contains) == Int(list.liveCount)
                    }, "every term's document frequency counts exactly its live documents")
            }
            #expect(state.referencedBy == referrers)
        }
        let all = try store.list(ListQuery(kind: .articles, limit: 1))
        #expect(all.total == store.count(.articles))
        let byParticipant = try store.list(ListQuery(kind: .articles, filters: ["participant": ["p3"]]))
        let scanned = try store.walk(ListQuery(kind: .articles), limit: 100).filter { id in
            guard case .article(let article)? = store.get(.articles, id: ResourceID(stringLiteral: id))?.resource
            else { return false }
            return article.participants.contains("p3")
        }
        #expect(byParticipant.total == scanned.count)
    }
}

/// What the test's threads share.
private final class Shared: Sendable {
    /// Everything that went wrong, for the final expectation.
    let failures = Mutex<[String]>([])
    /// Complete page walks done by readers.
    let walks = Mutex(0)
    /// Writers still running; readers stop when it reaches 0.
    let writersLeft: Mutex<Int>

    init(writers: Int) { writersLeft = Mutex(writers) }
}
