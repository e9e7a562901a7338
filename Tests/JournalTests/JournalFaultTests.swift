import Foundation
import Journal
import Synchronization
import Testing

/// Real file operations with injectable failures: a write that stores a prefix then fails, a file that cannot
/// grow past a size (a full disk), a failing sync or a failing truncation.
final class FaultyFileOperations: JournalFileOperations {
    struct Faults {
        var write: Int32?
        var bytesWrittenBeforeFailure = 0
        /// Writes store what lies before this offset, and fail with EFBIG if they reach past it.
        var sizeLimit: Int?
        var synchronize: Int32?
        var truncate: Int32?
    }

    let faults = Mutex(Faults())
    private let system = SystemFileOperations()

    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int32 {
        let fault = faults.withLock { $0 }
        if let limit = fault.sizeLimit, offset + bytes.count > limit {
            _ = system.write(fd, UnsafeRawBufferPointer(rebasing: bytes.prefix(max(0, limit - offset))), at: offset)
            return EFBIG
        }
        guard let error = fault.write else { return system.write(fd, bytes, at: offset) }
        let prefix = UnsafeRawBufferPointer(rebasing: bytes.prefix(fault.bytesWrittenBeforeFailure))
        _ = system.write(fd, prefix, at: offset)
        return error
    }

    func synchronize(_ fd: Int32) -> Int32 {
        faults.withLock { $0.synchronize } ?? system.synchronize(fd)
    }

    func truncate(_ fd: Int32, to length: Int) -> Int32 {
        faults.withLock { $0.truncate } ?? system.truncate(fd, to: length)
    }
}

@Suite(.timeLimit(.minutes(1))) struct JournalFaultTests {
    private let durable = (0..<3).map { makeRecord("durable\($0)", size: 50) }

    private func openFaulty(_ directory: String, directIO: Bool = true) throws -> (Journal, FaultyFileOperations) {
        let operations = FaultyFileOperations()
        var options = JournalOptions()
        options.fileOperations = operations
        options.directIO = directIO
        let journal = try openJournal(directory, options: options).journal
        try appendDurably(journal, durable)
        return (journal, operations)
    }

    /// Appends two records during `fault`, checks that both fail and leave nothing on disk, then recovers.
    private func checkFailedAppends(
        _ directory: String, errno expected: Int32, _ fault: FaultyFileOperations.Faults
    ) throws {
        let (journal, operations) = try openFaulty(directory)
        let recordsEnd = try readRecords(journalPath(directory)).count
        operations.faults.withLock { $0 = fault }
        let first = try journal.append(makeRecord("lost1", size: 100))
        let second = try journal.append(makeRecord("lost2", size: 100))
        let error = try #require(throws: JournalError.self) { try journal.waitUntilDurable(first) }
        #expect(error.code == .io && error.errno == expected && error.path == journalPath(directory))
        #expect(throws: JournalError.self) { try journal.waitUntilDurable(second) }
        #expect(journal.failedFrom == first)
        // No partial record stays behind, and appends are refused until the caller has undone the suffix.
        #expect(try readFile(journalPath(directory)).count == recordsEnd)
        let refused = try #require(throws: JournalError.self) { try journal.append([1]) }
        #expect(refused.code == .unavailable && refused.errno == expected)

        operations.faults.withLock { $0 = FaultyFileOperations.Faults() }
        try journal.resume()
        #expect(journal.failedFrom == nil)
        #expect(throws: JournalError.self) { try journal.waitUntilDurable(first) }
        try appendDurably(journal, [makeRecord("recovered")])
        #expect(try openJournal(directory).journalRecords == durable + [makeRecord("recovered")])
    }

    /// Waiters sleep apart and are woken by the leader with their outcome: when syncs start failing midway
    /// under 16 concurrent writers, each must get its own answer (none hangs), and exactly the records whose
    /// writers were told they are durable must come back.
    @Test func concurrentWaiters_EachGetTheirOutcome_WhenSyncsStartFailing() throws {
        try withTemporaryDirectory { directory in
            let (journal, operations) = try openFaulty(directory)
            let acknowledged = Mutex<[[UInt8]]>([])
            let appends = Atomic(0)
            runOnThreads(16) { thread in
                for index in 0..<30 {
                    let record = makeRecord("t\(thread)-\(index)", size: 2000)
                    guard let ticket = try? journal.append(record) else { return }
                    if appends.add(1, ordering: .relaxed).newValue == 200 {
                        operations.faults.withLock { $0.synchronize = EIO }
                    }
                    if (try? journal.waitUntilDurable(ticket)) != nil {
                        acknowledged.withLock { $0.append(record) }
                    }
                }
            }
            let failedFrom = try #require(journal.failedFrom)
            operations.faults.withLock { $0 = FaultyFileOperations.Faults() }
            try journal.resume()
            let replayed = try openJournal(directory).journalRecords.dropFirst(durable.count)
            #expect(Set(replayed) == Set(acknowledged.withLock { $0 }))
            #expect(replayed.count == Int(failedFrom.sequence) - durable.count - 1)
        }
    }

    @Test func diskFull_DuringAWrite_FailsTheTickets_AndTruncatesThePartialRecord() throws {
        try withTemporaryDirectory { directory in
            try checkFailedAppends(directory, errno: ENOSPC, .init(write: ENOSPC, bytesWrittenBeforeFailure: 60))
        }
    }

    /// The space written ahead is best effort: on a disk that cannot grow the file that far, records go in until
    /// they reach the limit themselves; then they fail, and the file replays without them. Directly and through
    /// the page cache.
    @Test(arguments: [true, false])
    func spaceAheadPastAFullDisk_DoesNotFailTheRecordsThatFit(directIO: Bool) throws {
        try withTemporaryDirectory { directory in
            let operations = FaultyFileOperations()
            operations.faults.withLock { $0.sizeLimit = 40_000 }
            var options = JournalOptions()
            options.fileOperations = operations
            options.directIO = directIO
            let journal = try openJournal(directory, options: options).journal
            let fitting = (0..<7).map { makeRecord("fits\($0)", size: 5000) }
            for record in fitting { try appendDurably(journal, [record]) }
            #expect(try readFile(journalPath(directory)).count <= 40_000)
            let error = try #require(throws: JournalError.self) {
                try appendDurably(journal, [makeRecord("too-far", size: 5000)])
            }
            #expect(error.code == .io && error.errno == EFBIG)
            #expect(try openJournal(directory).journalRecords == fitting)
        }
    }

    @Test func ioError_DuringSync_FailsTheTickets_AndTruncatesTheUnsyncedBytes() throws {
        try withTemporaryDirectory { directory in
            try checkFailedAppends(directory, errno: EIO, .init(synchronize: EIO))
        }
    }

    /// With `compacting`, the failing record belongs to generation 1 while appends already go to generation 2.
    /// Through the page cache: a direct write starts with the last block's bytes again, so a failure 30 bytes in
    /// leaves nothing of the new record behind to check for.
    @Test(arguments: [false, true])
    func failedTruncation_IsRetriedByResume(compacting: Bool) throws {
        try withTemporaryDirectory { directory in
            let (journal, operations) = try openFaulty(directory, directIO: false)
            let recordsEnd = try readRecords(journalPath(directory)).count
            let allocated = try readFile(journalPath(directory)).count
            let ticket = try journal.append(makeRecord("x", size: 100))
            if compacting { _ = try journal.beginCompaction() }
            operations.faults.withLock {
                $0.write = ENOSPC
                $0.bytesWrittenBeforeFailure = 30
                $0.truncate = EIO
            }
            #expect(throws: JournalError.self) { try journal.waitUntilDurable(ticket) }
            // The partial record stays inside the space written ahead until a truncation succeeds.
            #expect(try readRecords(journalPath(directory)).count > recordsEnd)
            #expect(try readFile(journalPath(directory)).count == allocated)
            operations.faults.withLock { $0.write = nil }
            let stillFailing = try #require(throws: JournalError.self) { try journal.resume() }
            #expect(stillFailing.code == .io && stillFailing.errno == EIO)
            #expect(journal.failedFrom == ticket)
            operations.faults.withLock { $0.truncate = nil }
            try journal.resume()
            #expect(try readFile(journalPath(directory)).count == recordsEnd)
            try appendDurably(journal, [makeRecord("y")])
            #expect(try openJournal(directory).journalRecords == durable + [makeRecord("y")])
        }
    }

    @Test func failedSnapshotWrite_LeavesTheDataAsItWas_AndALaterCompactionSucceeds() throws {
        try withTemporaryDirectory { directory in
            let (journal, operations) = try openFaulty(directory)
            let checkpoint = try journal.beginCompaction()
            operations.faults.withLock { $0.write = ENOSPC }
            let error = try #require(throws: JournalError.self) { try journal.writeSnapshot(durable, for: checkpoint) }
            #expect(error.code == .io && error.errno == ENOSPC)
            #expect(try listDirectory(directory) == ["journal-0000000000000001.log", "journal-0000000000000002.log"])
            operations.faults.withLock { $0.write = nil }
            try appendDurably(journal, [makeRecord("later")])
            let retry = try journal.beginCompaction()
            try journal.writeSnapshot(durable + [makeRecord("later")], for: retry)
            let opened = try openJournal(directory)
            #expect(opened.report.snapshotGeneration == 3)
            #expect(opened.allRecords == durable + [makeRecord("later")])
        }
    }
}
