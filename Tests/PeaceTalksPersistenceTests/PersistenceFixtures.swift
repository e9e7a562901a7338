import Foundation
import Journal
import PeaceTalksModel
import PeaceTalksPersistence
import PeaceTalksStore
import Synchronization
import TestSupport

/// A clock tests advance by hand, so that two runs of the same writes produce the same times and ids.
final class TestClock: Sendable {
    private let now = Mutex(Date(timeIntervalSince1970: 1_485_162_000))  // 2017-01-23T09:00:00Z

    /// Moves the clock on.
    func advance(by seconds: TimeInterval) { now.withLock { $0 += seconds } }

    /// A clock closure for the store.
    var closure: @Sendable () -> Date { { self.now.withLock { $0 } } }
}

/// Journal system calls that fail with `errno` while `failing` is set (a full disk), else the real ones.
final class FailingOperations: JournalFileOperations {
    let failing = Atomic<Int32>(0)
    private let system = SystemFileOperations()

    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int32 {
        let error = failing.load(ordering: .relaxed)
        return error != 0 ? error : system.write(fd, bytes, at: offset)
    }

    func synchronize(_ fd: Int32) -> Int32 {
        let error = failing.load(ordering: .relaxed)
        return error != 0 ? error : system.synchronize(fd)
    }

    func truncate(_ fd: Int32, to length: Int) -> Int32 { system.truncate(fd, to: length) }
}

/// Opens `directory` into a fresh store with `clock`.
func openDurable(
    _ directory: String, clock: TestClock = TestClock(), options: DurabilityOptions = DurabilityOptions()
) throws -> DurableStore {
    let lock = try DataDirectoryLock.acquire(directory: directory)
    return try DurableStore.open(lock, into: InMemoryStore(clock: clock.closure), options: options)
}

/// Every resource's JSON and ETag and the store version: what "the same store" means.
func fingerprint(_ store: InMemoryStore) throws -> (version: UInt64, resources: [String]) {
    let contents = try store.withContents { $0 }
    let resources = contents.resources.map { stored in
        "\(stored.version) \(stored.etag) " + String(decoding: stored.json, as: UTF8.self)
    }
    return (contents.version, resources)
}

/// A mixed history: creates of every kind (generated and given ids), a replace, patches, a delete.
func writeHistory(_ store: InMemoryStore, clock: TestClock, rounds: ClosedRange<Int>) throws {
    for round in rounds {
        let person = ResourceID("person-\(round)")!
        _ = try store.create(
            .participant(Participant(id: person, kind: .person, name: LocalizedText([("en", "Person \(round)")])!)))
        clock.advance(by: 1)
        let talks = try store.create(
            .talks(Talks(name: LocalizedText([("en", "Round \(round)")])!, participants: [person])))
        clock.advance(by: 1)
        let article = try store.create(
            .article(
                Article(
                    title: "Talks \(round)", body: String(repeating: "Negotiators met in Astana. ", count: 20),
                    language: "en", url: "https://example.org/\(round)", talks: [talks.resource.id],
                    participants: [person])))
        clock.advance(by: 1)
        _ = try store.create(.statement(Statement(participant: person, text: "We agree \(round)", language: "en")))
        _ = try store.update(.articles, id: article.resource.id, ifMatch: article.etag) { resource in
            guard case .article(var value) = resource else { return resource }
            value.title += " (updated)"
            return .article(value)
        }
        clock.advance(by: 1)
        let doomed = ResourceID("doomed-\(round)")!
        _ = try store.replace(
            .participant(Participant(id: doomed, kind: .state, name: LocalizedText([("en", "Doomed")])!)),
            ifMatch: nil)
        try store.delete(.participants, id: doomed, ifMatch: nil)
    }
}

/// The offset just past the last record of a journal file written ahead with zeros.
func endOfRecords(_ path: String) throws -> Int {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    return (bytes.lastIndex { $0 != 0 } ?? -1) + 1
}

/// The path of the current journal file in `directory`.
func journalPath(_ directory: String) throws -> String {
    let name = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("journal-") }
        .sorted().last!
    return directory + "/" + name
}
