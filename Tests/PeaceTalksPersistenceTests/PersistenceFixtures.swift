import Foundation
import PeaceTalksModel
import PeaceTalksPersistence
import PeaceTalksStore
import Synchronization
import TestSupport

@testable import Journal

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
    let contents = try store.contents
    let resources = contents.resources.map { stored in
        "\(stored.version) \(stored.etag) " + String(decoding: stored.json, as: UTF8.self)
    }
    return (contents.version, resources)
}

/// What `q` finds in every kind for a few queries: each hit's id, score and snippet, in order.
func searchFingerprint(_ store: InMemoryStore) throws -> [String] {
    var hits: [String] = []
    for kind in ResourceKind.allCases {
        for q in ["astana", "negotiators met", "person 3", "round", "\"we agree\"", "updated -talks"] {
            let page = try store.list(ListQuery(kind: kind, q: q, limit: 100))
            hits += page.items.map { "\(kind) \(q): \($0.stored.key.id) \($0.score ?? -1) \($0.snippet ?? "")" }
            hits.append("\(kind) \(q): total \(page.total)")
        }
    }
    return hits
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

/// Rewrites the body of every search index record of the snapshot at `path` with `change`, framing it anew (so the
/// checksums hold and only the index's own bytes differ).
func rewriteSearchIndexRecords(_ path: String, _ change: (inout ArraySlice<UInt8>) -> Void) throws {
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    var offset = JournalFormat.headerSize
    var rewritten = 0
    while offset + JournalFormat.frameHeaderSize < bytes.count {
        let length = bytes[offset..<(offset + 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
        let payload = (offset + JournalFormat.frameHeaderSize)..<(offset + JournalFormat.frameHeaderSize + length)
        guard payload.upperBound <= bytes.count else { break }
        if length > 10, bytes[payload.lowerBound] == 5 {
            var body = bytes[(payload.lowerBound + 10)..<payload.upperBound]
            change(&body)
            bytes.replaceSubrange((payload.lowerBound + 10)..<payload.upperBound, with: body)
            let checksum = JournalFormat.frameChecksum(length: UInt32(length), payload: Array(bytes[payload]))
            withUnsafeBytes(of: checksum.littleEndian) { bytes.replaceSubrange((offset + 4)..<(offset + 8), with: $0) }
            rewritten += 1
        }
        offset = payload.upperBound
    }
    precondition(rewritten == ResourceKind.allCases.count, "expected one search index record per kind")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}
