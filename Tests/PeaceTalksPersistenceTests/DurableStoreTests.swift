import Foundation
import Glibc
import Journal
import PeaceTalksModel
import PeaceTalksPersistence
import PeaceTalksStore
import Synchronization
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1)))
struct DurableStoreTests {
    @Test func reopening_GivesBackEveryWrite_WithTheSameETags() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let clock = TestClock()
        var durable: DurableStore? = try openDurable(directory.path, clock: clock)
        try writeHistory(durable!.store, clock: clock, rounds: 1...3)
        let before = try fingerprint(durable!.store)
        try durable!.close()
        durable = nil
        let reopened = try openDurable(directory.path)
        #expect(!reopened.report.isNew)
        let after = try fingerprint(reopened.store)
        #expect(after.version == before.version)
        #expect(after.resources == before.resources)
    }

    @Test func snapshotPlusJournal_EqualsJournalOnly() throws {
        let compacted = try TemporaryDirectory()
        let journalOnly = try TemporaryDirectory()
        defer {
            compacted.remove()
            journalOnly.remove()
        }
        for (directory, compacts) in [(compacted, true), (journalOnly, false)] {
            let clock = TestClock()
            let durable = try openDurable(directory.path, clock: clock)
            try writeHistory(durable.store, clock: clock, rounds: 1...3)
            if compacts { try durable.compact() }
            try writeHistory(durable.store, clock: clock, rounds: 4...5)
            try durable.close()
        }
        let fromSnapshot = try openDurable(compacted.path)
        let fromJournal = try openDurable(journalOnly.path)
        #expect(fromSnapshot.report.snapshotGeneration == 2)
        #expect(fromSnapshot.report.journalRecordCount > 0)
        #expect(fromJournal.report.snapshotGeneration == nil)
        let (snapshotVersion, snapshotResources) = try fingerprint(fromSnapshot.store)
        let (journalVersion, journalResources) = try fingerprint(fromJournal.store)
        #expect(snapshotVersion == journalVersion)
        #expect(snapshotResources == journalResources)
        #expect(snapshotResources.count == 5 * 4)
        let searched = try searchFingerprint(fromSnapshot.store)
        #expect(searched == (try searchFingerprint(fromJournal.store)))
        #expect(searched.contains { $0.hasPrefix("statements person 3: ") && !$0.hasSuffix("total 0") })
    }

    @Test func snapshot_CarriesTheSearchIndexes_AndOneItCannotReadIsRebuilt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let clock = TestClock()
        var durable: DurableStore? = try openDurable(directory.path, clock: clock)
        try writeHistory(durable!.store, clock: clock, rounds: 1...4)
        let expected = try searchFingerprint(durable!.store)
        try durable!.compact()
        try durable!.close()
        durable = nil
        let snapshot = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasPrefix("snapshot-") })
        let path = directory.path + "/" + snapshot
        for damagesIndexes in [false, true] {
            // A build with another index layout: the index records hold a layout number this build does not read.
            if damagesIndexes { try rewriteSearchIndexRecords(path) { body in body[body.startIndex] ^= 0xFF } }
            let reopened = try openDurable(directory.path)
            #expect(reopened.report.snapshotGeneration != nil)
            #expect(try searchFingerprint(reopened.store) == expected)
            try reopened.close()
        }
    }

    @Test func tornTail_IsCut_AndEveryEarlierWriteStays() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let clock = TestClock()
        var durable: DurableStore? = try openDurable(directory.path, clock: clock)
        try writeHistory(durable!.store, clock: clock, rounds: 1...2)
        let before = try fingerprint(durable!.store)
        try durable!.close()
        durable = nil
        // A crash mid-write: a frame header announcing 300 bytes, and only 10 of them.
        let path = try journalPath(directory.path)
        let end = try endOfRecords(path)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: UInt64(end))
        try handle.write(contentsOf: [0x2c, 0x01, 0, 0, 0xde, 0xad, 0xbe, 0xef] + [UInt8](repeating: 7, count: 10))
        try handle.close()

        let reopened = try openDurable(directory.path)
        #expect(reopened.report.cuts.count == 1)
        #expect(reopened.report.cuts.first?.offset == end)
        #expect(reopened.report.cuts.first?.isRepair == false)
        #expect(try fingerprint(reopened.store).resources == before.resources)
    }

    @Test func corruptMiddleRecord_StopsStartupNamingFileAndOffset_AndRepairKeepsThePrefix() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var durable: DurableStore? = try openDurable(directory.path)
        for id in ["first", "second", "third"] {
            _ = try durable!.store.create(
                .participant(Participant(id: ResourceID(id)!, kind: .person, name: LocalizedText([("en", id)])!)))
        }
        try durable!.close()
        durable = nil
        let path = try journalPath(directory.path)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let firstLength = Int(bytes[24]) | Int(bytes[25]) << 8 | Int(bytes[26]) << 16
        let second = 24 + 8 + firstLength
        bytes[second + 8 + 20] ^= 0xff
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: JournalError.self) { _ = try openDurable(directory.path) }
        #expect(error.code == .corrupt)
        #expect(error.path == path)
        #expect(error.offset == second)
        #expect(error.description.hasPrefix("\(path) at offset \(second): checksum mismatch"))

        var options = DurabilityOptions()
        options.repair = true
        let repaired = try openDurable(directory.path, options: options)
        #expect(repaired.report.cuts.first?.isRepair == true)
        #expect(repaired.store.get(.participants, id: "first") != nil)
        #expect(repaired.store.get(.participants, id: "second") == nil)
        #expect(repaired.store.get(.participants, id: "third") == nil)
    }

    @Test func secondOpen_OfALockedDirectory_IsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let durable = try openDurable(directory.path)
        let error = try #require(throws: JournalError.self) { _ = try openDurable(directory.path) }
        #expect(error.code == .locked)
        #expect(error.description.contains("process \(getpid())"))
        try durable.close()
    }

    @Test func diskFull_FailsTheWrite_AppliesNothing_AndLaterWritesSucceed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let operations = FailingOperations()
        var options = DurabilityOptions()
        options.fileOperations = operations
        var durable: DurableStore? = try openDurable(directory.path, options: options)
        let store = durable!.store
        let kept = try store.create(
            .participant(Participant(id: "kept", kind: .person, name: LocalizedText([("en", "Kept")])!)))

        operations.failing.store(ENOSPC, ordering: .relaxed)
        #expect(throws: StoreError.self) {
            _ = try store.create(
                .participant(Participant(id: "lost", kind: .person, name: LocalizedText([("en", "Lost")])!)))
        }
        #expect(throws: StoreError.self) { try store.delete(.participants, id: "kept", ifMatch: nil) }
        #expect(store.get(.participants, id: "lost") == nil)
        #expect(store.get(.participants, id: "kept")?.etag == kept.etag)
        #expect(store.version == kept.version)

        operations.failing.store(0, ordering: .relaxed)
        let later = try store.create(
            .participant(Participant(id: "later", kind: .person, name: LocalizedText([("en", "Later")])!)))
        #expect(later.version == kept.version + 1)
        try durable!.close()
        durable = nil
        let reopened = try openDurable(directory.path)
        #expect(reopened.store.get(.participants, id: "kept") != nil)
        #expect(reopened.store.get(.participants, id: "lost") == nil)
        #expect(reopened.store.get(.participants, id: "later")?.etag == later.etag)
    }

    @Test func concurrentWriters_ShareSyncs_AndEveryWriteReplays() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var durable: DurableStore? = try openDurable(directory.path)
        let store = durable!.store
        DispatchQueue.concurrentPerform(iterations: 16) { writer in
            for index in 0..<20 {
                let id = ResourceID("w\(writer)-\(index)")!
                _ = try? store.create(.participant(Participant(id: id, kind: .person, name: LocalizedText([("en", "x")])!)))
            }
        }
        #expect(store.count(.participants) == 320)
        #expect(durable!.journal.syncCount <= 320)
        let before = try fingerprint(store)
        try durable!.close()
        durable = nil
        #expect(try fingerprint(openDurable(directory.path).store).resources == before.resources)
    }

    @Test func backgroundCompaction_RunsPastTheSizeLimit_AndKeepsEverything() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let done = DispatchSemaphore(value: 0)
        var options = DurabilityOptions()
        options.compactAfterBytes = 8 << 10
        options.onCompaction = { _ in done.signal() }
        let clock = TestClock()
        var durable: DurableStore? = try openDurable(directory.path, clock: clock, options: options)
        try writeHistory(durable!.store, clock: clock, rounds: 1...6)
        #expect(done.wait(timeout: .now() + 10) == .success)
        try writeHistory(durable!.store, clock: clock, rounds: 7...7)
        let before = try fingerprint(durable!.store)
        try durable!.close()
        durable = nil
        let reopened = try openDurable(directory.path)
        #expect(reopened.report.snapshotGeneration != nil)
        #expect(try fingerprint(reopened.store).resources == before.resources)
    }

    @Test func openingAJournalPastTheSizeLimit_CompactsInTheBackground() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let clock = TestClock()
        var durable: DurableStore? = try openDurable(directory.path, clock: clock)
        try writeHistory(durable!.store, clock: clock, rounds: 1...4)
        let before = try fingerprint(durable!.store)
        try durable!.close()
        durable = nil
        let done = DispatchSemaphore(value: 0)
        var options = DurabilityOptions()
        options.compactAfterBytes = 4 << 10
        options.onCompaction = { _ in done.signal() }
        durable = try openDurable(directory.path, options: options)
        #expect(durable!.report.snapshotGeneration == nil)
        #expect(done.wait(timeout: .now() + 10) == .success, "no write needed to start it")
        try durable!.close()
        durable = nil
        let reopened = try openDurable(directory.path)
        #expect(reopened.report.snapshotGeneration != nil)
        #expect(try fingerprint(reopened.store).resources == before.resources)
    }
}
