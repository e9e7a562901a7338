import Foundation
import Journal

/// Runs `body` with a fresh temporary directory, removed afterwards.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = FileManager.default.temporaryDirectory.path + "/journal-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// What a replay delivered.
struct Replayed {
    var journal: Journal
    var report: ReplayReport
    var snapshotRecords: [[UInt8]] = []
    var journalRecords: [[UInt8]] = []

    /// Snapshot records then journal records: the whole history for a toy state that is the list of records.
    var allRecords: [[UInt8]] { snapshotRecords + journalRecords }
}

/// Opens the journal in `directory`, collecting every replayed record.
func openJournal(_ directory: String, options: JournalOptions = JournalOptions()) throws(JournalError) -> Replayed {
    var snapshot: [[UInt8]] = []
    var journal: [[UInt8]] = []
    let (opened, report) = try Journal.open(directory: directory, options: options) { source, payload in
        if source == .snapshot { snapshot.append(Array(payload)) } else { journal.append(Array(payload)) }
    }
    return Replayed(journal: opened, report: report, snapshotRecords: snapshot, journalRecords: journal)
}

/// A recognisable payload: `tag`, then `size` bytes derived from it.
func makeRecord(_ tag: String, size: Int = 0) -> [UInt8] {
    var bytes = Array(tag.utf8)
    bytes += (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ bytes.count) }
    return bytes
}

/// Appends each record and waits until it is durable.
func appendDurably(_ journal: Journal, _ records: [[UInt8]]) throws(JournalError) {
    for record in records {
        try journal.waitUntilDurable(try journal.append(record))
    }
}

/// The path of journal generation `generation` in `directory`.
func journalPath(_ directory: String, generation: UInt64 = 1) -> String {
    let digits = String(generation, radix: 16)
    return directory + "/journal-" + String(repeating: "0", count: 16 - digits.count) + digits + ".log"
}

/// The file's bytes.
func readFile(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Replaces the file's contents with `bytes`.
func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The sorted names in `directory`.
func listDirectory(_ directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
}

/// Where the records of a journal file's `bytes` end: the zeros written ahead of them start there.
func recordsEnd(_ bytes: [UInt8]) -> Int {
    var offset = headerSize
    while offset + frameHeaderSize <= bytes.count
        && bytes[offset..<(offset + frameHeaderSize)].contains(where: { $0 != 0 })
    {
        let length = bytes[offset..<(offset + 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
        offset += frameHeaderSize + length
    }
    return offset
}

/// The records part of a journal file, without the zeros written ahead.
func readRecords(_ path: String) throws -> [UInt8] {
    let bytes = try readFile(path)
    return Array(bytes[..<recordsEnd(bytes)])
}

/// Journal header (24 bytes) and record framing (8 bytes), as documented in `JournalFormat`.
let headerSize = 24
let frameHeaderSize = 8

/// Runs `body(index)` on `count` dedicated threads at once (not a pool capped at the core count) and waits.
func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let finished = DispatchSemaphore(value: 0)
    for index in 0..<count {
        Thread {
            body(index)
            finished.signal()
        }.start()
    }
    for _ in 0..<count { finished.wait() }
}
