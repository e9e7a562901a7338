import Foundation
import Journal
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1))) struct JournalCompactionTests {
    /// Writers append to a compacting journal and to a journal-only mirror under one "store lock" whose state
    /// is the list of records, while two compactions snapshot that state in the background.
    @Test func snapshotPlusJournal_EqualsJournalOnly_AcrossCompactionsWithConcurrentAppends() throws {
        try withTemporaryDirectory { root in
            let compacted = try openJournal(root + "/compacted").journal
            let mirror = try openJournal(root + "/mirror").journal
            let store = Mutex<[[UInt8]]>([])
            let writers = 4
            let perWriter = 60
            let failures = Mutex<[String]>([])
            let appended = Mutex(0)
            @Sendable func append(_ record: [UInt8]) throws(JournalError) {
                let (first, second) = try store.withLock { state throws(JournalError) in
                    state.append(record)
                    return (try compacted.append(record), try mirror.append(record))
                }
                try compacted.waitUntilDurable(first)
                try mirror.waitUntilDurable(second)
            }
            runOnThreads(writers + 1) { thread in
                do throws(JournalError) {
                    if thread == writers {
                        for _ in 0..<2 {
                            while appended.withLock({ $0 }) < writers * perWriter / 3 { usleep(1000) }
                            let (checkpoint, copy) = try store.withLock { state throws(JournalError) in
                                (try compacted.beginCompaction(), state)
                            }
                            appended.withLock { $0 = 0 }
                            try compacted.writeSnapshot(copy, for: checkpoint)
                        }
                        // The writers may all be done by now: one record more keeps the last generation non-empty.
                        try append(makeRecord("last:", size: 500))
                        return
                    }
                    for index in 0..<perWriter {
                        try append(makeRecord("w\(thread)-\(index):", size: 500))
                        appended.withLock { $0 += 1 }
                    }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [])
            let expected = store.withLock { $0 }
            let replayed = try openJournal(root + "/compacted")
            #expect(replayed.report.snapshotGeneration == 3)
            #expect(replayed.snapshotRecords.count > 0 && replayed.journalRecords.count > 0)
            #expect(replayed.allRecords == expected)
            #expect(try openJournal(root + "/mirror").journalRecords == expected)
            #expect(
                try listDirectory(root + "/compacted") == [
                    "journal-0000000000000003.log", "snapshot-0000000000000003.dat",
                ])
        }
    }

    @Test func secondCompaction_IsRefused_WhileOneIsRunning() throws {
        try withTemporaryDirectory { directory in
            let journal = try openJournal(directory).journal
            let checkpoint = try journal.beginCompaction()
            let error = try #require(throws: JournalError.self) { try journal.beginCompaction() }
            #expect(error.code == .compactionConflict)
            try journal.writeSnapshot([[UInt8]](), for: checkpoint)
            _ = try journal.beginCompaction()
        }
    }

    /// Builds the files a crash can leave: journal 1 with `before`, then (after beginCompaction) journal 2 with
    /// `after`; returns the journal and the checkpoint, the snapshot not yet written.
    private func compactionInterrupted(
        _ directory: String, before: [[UInt8]], after: [[UInt8]]
    ) throws -> (Journal, JournalCheckpoint) {
        let journal = try openJournal(directory).journal
        try appendDurably(journal, before)
        let checkpoint = try journal.beginCompaction()
        try appendDurably(journal, after)
        return (journal, checkpoint)
    }

    private let before = (0..<5).map { makeRecord("before\($0)", size: 100) }
    private let after = (0..<3).map { makeRecord("after\($0)", size: 100) }

    @Test func crashBeforeTheSnapshotIsRenamed_ReplaysBothGenerations_AndDropsTheTemporaryFile() throws {
        try withTemporaryDirectory { directory in
            _ = try compactionInterrupted(directory, before: before, after: after)
            // Half a snapshot, as a crash during writeSnapshot leaves it.
            try writeFile(directory + "/snapshot-0000000000000002.dat.tmp", Array("PTSNAPSH\u{1}".utf8))
            let opened = try openJournal(directory)
            #expect(opened.report.snapshotGeneration == nil)
            #expect(opened.allRecords == before + after)
            #expect(opened.report.currentGeneration == 2)
            #expect(try listDirectory(directory) == ["journal-0000000000000001.log", "journal-0000000000000002.log"])
        }
    }

    @Test func crashAfterTheRename_BeforeOldFilesAreDeleted_ReplaysEachRecordOnce() throws {
        try withTemporaryDirectory { directory in
            let (journal, checkpoint) = try compactionInterrupted(directory, before: before, after: after)
            let oldJournal = try readFile(journalPath(directory, generation: 1))
            try journal.writeSnapshot(before, for: checkpoint)
            try writeFile(journalPath(directory, generation: 1), oldJournal)
            let opened = try openJournal(directory)
            #expect(opened.snapshotRecords == before)
            #expect(opened.journalRecords == after)
            #expect(opened.report.removedFiles == [journalPath(directory, generation: 1)])
            #expect(try listDirectory(directory) == ["journal-0000000000000002.log", "snapshot-0000000000000002.dat"])
        }
    }

    @Test func olderSnapshotLeftBehind_IsIgnoredAndDeleted() throws {
        try withTemporaryDirectory { directory in
            let (journal, checkpoint) = try compactionInterrupted(directory, before: before, after: after)
            try journal.writeSnapshot(before, for: checkpoint)
            let oldSnapshot = try readFile(directory + "/snapshot-0000000000000002.dat")
            let oldJournal = try readFile(journalPath(directory, generation: 2))
            let second = try journal.beginCompaction()
            try journal.writeSnapshot(before + after, for: second)
            try writeFile(directory + "/snapshot-0000000000000002.dat", oldSnapshot)
            try writeFile(journalPath(directory, generation: 2), oldJournal)
            let opened = try openJournal(directory)
            #expect(opened.snapshotRecords == before + after && opened.journalRecords.isEmpty)
            #expect(try listDirectory(directory) == ["journal-0000000000000003.log", "snapshot-0000000000000003.dat"])
        }
    }

    @Test func tornTailOfTheOldGeneration_IsCut_WhenTheNewOneIsEmpty() throws {
        try withTemporaryDirectory { directory in
            _ = try compactionInterrupted(directory, before: before, after: [])
            let bytes = try readRecords(journalPath(directory, generation: 1))
            try writeFile(journalPath(directory, generation: 1), Array(bytes.dropLast(7)))
            let opened = try openJournal(directory)
            #expect(opened.allRecords == Array(before.dropLast()))
            #expect(opened.report.cuts.count == 1)
        }
    }

    @Test func damagedOldGeneration_IsCorruption_WhenTheNewOneHoldsRecords() throws {
        try withTemporaryDirectory { directory in
            _ = try compactionInterrupted(directory, before: before, after: after)
            let bytes = try readRecords(journalPath(directory, generation: 1))
            try writeFile(journalPath(directory, generation: 1), Array(bytes.dropLast(7)))
            let error = try #require(throws: JournalError.self) { try openJournal(directory) }
            #expect(error.code == .corrupt && error.path == journalPath(directory, generation: 1))
            // Repair keeps what precedes the damage and drops the later generation.
            var options = JournalOptions()
            options.repair = true
            let repaired = try openJournal(directory, options: options)
            #expect(repaired.allRecords == Array(before.dropLast()))
            #expect(repaired.report.removedFiles == [journalPath(directory, generation: 2)])
            #expect(repaired.report.currentGeneration == 1)
        }
    }

    @Test func missingJournalGeneration_IsCorruption() throws {
        try withTemporaryDirectory { directory in
            let (journal, checkpoint) = try compactionInterrupted(directory, before: before, after: after)
            try journal.writeSnapshot(before, for: checkpoint)
            try FileManager.default.removeItem(atPath: journalPath(directory, generation: 2))
            let error = try #require(throws: JournalError.self) { try openJournal(directory) }
            #expect(error.code == .corrupt && error.path == journalPath(directory, generation: 2))
        }
    }

    @Test func damagedSnapshot_IsCorruption() throws {
        try withTemporaryDirectory { directory in
            let (journal, checkpoint) = try compactionInterrupted(directory, before: before, after: after)
            try journal.writeSnapshot(before, for: checkpoint)
            let path = directory + "/snapshot-0000000000000002.dat"
            var bytes = try readFile(path)
            bytes[headerSize + 20] ^= 1
            try writeFile(path, bytes)
            let error = try #require(throws: JournalError.self) { try openJournal(directory) }
            #expect(error.code == .corrupt && error.path == path && error.offset == headerSize)
            try writeFile(path, Array(bytes.dropLast(1)))
            #expect(throws: JournalError.self) { try openJournal(directory) }
        }
    }
}
