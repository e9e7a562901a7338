import Foundation
import Journal
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1))) struct JournalTests {
    @Test func appendedRecords_AreReplayedInOrder_AfterReopening() throws {
        try withTemporaryDirectory { directory in
            let records = [makeRecord("a"), makeRecord("b", size: 3000), [], makeRecord("c", size: 70_000)]
            do {
                let journal = try openJournal(directory).journal
                try appendDurably(journal, records)
                try journal.close()
            }
            let reopened = try openJournal(directory)
            #expect(reopened.journalRecords == records)
            #expect(reopened.report.cuts.isEmpty)
            #expect(reopened.report.journalRecordCount == records.count)
            // Appends after a restart continue the same file.
            try appendDurably(reopened.journal, [makeRecord("d")])
            #expect(try openJournal(directory).journalRecords == records + [makeRecord("d")])
            #expect(try listDirectory(directory) == ["journal-0000000000000001.log"])
        }
    }

    /// Direct writes rewrite the last partial block with each batch and pad with zeros, and write the zeros ahead
    /// directly too: the file must come out byte for byte as writes through the page cache leave it, across block
    /// boundaries and steps of written space, after a reopening, and around a batch too large for direct writes.
    @Test func directWrites_LeaveTheSameFile_AsPageCacheWrites() throws {
        let sizes = [1, 4000, 95, 4096, 0, 8191, 70_000, 3, 1_500_001, 4089, 12_000]
        let step = 1 << 16
        func write(directIO: Bool) throws -> [UInt8] {
            try withTemporaryDirectory { directory in
                var options = JournalOptions()
                options.directIO = directIO
                options.preallocationSize = step
                for (round, range) in [0..<5, 5..<sizes.count].enumerated() {
                    let journal = try openJournal(directory, options: options).journal
                    // One batch per record, then the rest as one batch.
                    try appendDurably(journal, range.dropLast().map { makeRecord("r\(round)-\($0)", size: sizes[$0]) })
                    let tickets = try (0..<3).map { try journal.append(makeRecord("b\(round)-\($0)", size: 5000)) }
                    try journal.waitUntilDurable(tickets.last!)
                    try journal.close()
                }
                return try readFile(journalPath(directory))
            }
        }
        let direct = try write(directIO: true)
        #expect(direct == (try write(directIO: false)))
        #expect(direct.count % step == 0 && direct.count > 1_600_000)
    }

    @Test func newDirectory_IsCreated_WithAnEmptyJournal() throws {
        try withTemporaryDirectory { parent in
            let directory = parent + "/nested/data"
            let opened = try openJournal(directory)
            #expect(opened.allRecords.isEmpty)
            #expect(opened.report.isNew)
            #expect(try openJournal(directory).report.isNew == false)
            #expect(opened.journal.journalSize == headerSize)
            #expect(try readFile(journalPath(directory)).count == headerSize)
        }
    }

    @Test func append_IsBuffered_UntilSomeoneWaits() throws {
        try withTemporaryDirectory { directory in
            let journal = try openJournal(directory).journal
            let ticket = try journal.append(makeRecord("x", size: 10))
            #expect(try readFile(journalPath(directory)).count == headerSize)
            #expect(journal.journalSize == headerSize + frameHeaderSize + 11)
            try journal.waitUntilDurable(ticket)
            #expect(try readRecords(journalPath(directory)).count == headerSize + frameHeaderSize + 11)
            #expect(journal.syncCount == 1)
            // A settled ticket returns at once, with no further sync.
            try journal.waitUntilDurable(ticket)
            #expect(journal.syncCount == 1)
        }
    }

    @Test func oversizedRecord_IsRefused() throws {
        try withTemporaryDirectory { directory in
            var options = JournalOptions()
            options.maxRecordSize = 16
            let journal = try openJournal(directory, options: options).journal
            #expect(throws: JournalError.self) { try journal.append([UInt8](repeating: 1, count: 17)) }
            _ = try journal.append([UInt8](repeating: 1, count: 16))
        }
    }

    @Test func closedJournal_RefusesAppends() throws {
        try withTemporaryDirectory { directory in
            let journal = try openJournal(directory).journal
            try journal.close()
            let error = try #require(throws: JournalError.self) { try journal.append([1]) }
            #expect(error.code == .closed)
        }
    }

    /// 32 writers, each appending under a shared "store lock" and waiting outside it, as the store will.
    @Test func concurrentWriters_ShareSyncs_AndEveryRecordIsDurableOnce() throws {
        try withTemporaryDirectory { directory in
            let journal = try openJournal(directory).journal
            let storeLock = Mutex<[[UInt8]]>([])
            let threads = 32
            let perThread = 40
            let failures = Mutex(0)
            runOnThreads(threads) { thread in
                for index in 0..<perThread {
                    let record = makeRecord("t\(thread)-\(index):", size: 3000)
                    do {
                        let ticket = try storeLock.withLock { order throws(JournalError) in
                            let ticket = try journal.append(record)
                            order.append(record)
                            return ticket
                        }
                        try journal.waitUntilDurable(ticket)
                    } catch {
                        failures.withLock { $0 += 1 }
                    }
                }
            }
            #expect(failures.withLock { $0 } == 0)
            let syncs = journal.syncCount
            #expect(syncs < threads * perThread)
            let replayed = try openJournal(directory).journalRecords
            // Journal order is exactly the order of the appends under the store lock.
            #expect(replayed == storeLock.withLock { $0 })
            #expect(Set(replayed).count == threads * perThread)
        }
    }
}
