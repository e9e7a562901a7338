import CSystem
import Foundation
import Journal
import PeaceTalksStore

/// How a data directory is opened.
package struct DurabilityOptions: Sendable {
    /// Cut corruption that is not a torn tail (and everything after it) instead of refusing to start.
    package var repair = false
    /// Compact in the background once the journal passes this many bytes.
    package var compactAfterBytes = 64 << 20
    /// The journal's system calls (tests inject failures).
    package var fileOperations: any JournalFileOperations = SystemFileOperations()
    /// Told how each background compaction ended (for the log).
    package var onCompaction: @Sendable (Result<CompactionSummary, JournalError>) -> Void = { _ in }

    /// The defaults: strict replay, 64 MiB journals.
    package init() {}
}

/// What one compaction wrote.
package struct CompactionSummary: Sendable {
    /// The snapshot's journal generation.
    package let generation: UInt64
    /// Resources in the snapshot.
    package let resourceCount: Int
}

/// An `InMemoryStore` made durable by a journal in a data directory (held locked while this lives).
///
/// Start-up: `DataDirectoryLock` (taken by the caller first), then `open`, which replays the newest snapshot and
/// the journals after it into the store in bulk and attaches the journal as the store's change log. Writes are
/// journaled and synced before they apply (see `InMemoryStore`); past `compactAfterBytes` a snapshot is written
/// in the background while reads and writes go on.
package final class DurableStore: Sendable {
    /// The store, replayed.
    package let store: InMemoryStore
    /// The journal the store writes to.
    package let journal: Journal
    /// What replay found: counts, cuts to log as warnings, whether the directory was new.
    package let report: ReplayReport
    private let lock: DataDirectoryLock
    private let changeLog: JournalChangeLog
    private let compaction: CompactionTrigger

    private init(
        store: InMemoryStore, journal: Journal, report: ReplayReport, lock: DataDirectoryLock,
        changeLog: JournalChangeLog, compaction: CompactionTrigger
    ) {
        self.store = store
        self.journal = journal
        self.report = report
        self.lock = lock
        self.changeLog = changeLog
        self.compaction = compaction
    }

    /// Replays the data directory held by `lock` into `store` (which must be empty) and makes later writes to it
    /// durable. Throws `.corrupt` naming file and offset for damage that is not a torn tail (unless repairing).
    package static func open(
        _ lock: DataDirectoryLock, into store: InMemoryStore, options: DurabilityOptions = DurabilityOptions()
    ) throws(JournalError) -> DurableStore {
        var journalOptions = JournalOptions()
        journalOptions.repair = options.repair
        journalOptions.fileOperations = options.fileOperations
        journalOptions.maxRecordSize = maxRecordSize
        let loader = ReplayLoader(store: store)
        let (journal, report) = try Journal.open(directory: lock.directory, options: journalOptions) {
            source, payload in loader.add(payload, fromSnapshot: source == .snapshot)
        }
        loader.finish()
        if let (record, error) = loader.failure {
            throw JournalError(
                code: .recordRejected, path: lock.directory,
                message: "replayed record \(record) (snapshot first, then journals) is unreadable: \(error)")
        }
        let compaction = CompactionTrigger()
        let changeLog = JournalChangeLog(journal: journal, compactAfterBytes: options.compactAfterBytes) {
            compaction.start()
        }
        let durable = DurableStore(
            store: store, journal: journal, report: report, lock: lock, changeLog: changeLog, compaction: compaction)
        compaction.set(durable, onCompaction: options.onCompaction)
        store.attach(changeLog)
        changeLog.requestCompactionIfOverSize()
        return durable
    }

    /// Writes a snapshot of the whole store and restarts the journal: waits for pending writes, starts the next
    /// journal generation under the store's writer lock, then writes the snapshot while writes go on.
    @discardableResult
    package func compact() throws(JournalError) -> CompactionSummary {
        let checkpoint: JournalCheckpoint
        let records: SnapshotRecords
        do {
            let (started, contents) = try store.withContents { try journal.beginCompaction() }
            checkpoint = started
            records = SnapshotRecords(contents)
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError(code: .unavailable, message: "\(error)")
        }
        try journal.writeSnapshot(records, for: checkpoint)
        return CompactionSummary(generation: checkpoint.generation, resourceCount: records.resources.count)
    }

    /// Waits for a background compaction, syncs what was written and stops writes; the lock is released when
    /// this object goes.
    package func close() throws(JournalError) {
        compaction.stop()
        try journal.close()
    }

    /// An import batch is one record, so records may be large; replay maps files and never copies them whole.
    static let maxRecordSize = 1 << 30

    fileprivate func compactInBackground() -> Result<CompactionSummary, JournalError> {
        defer { changeLog.compactionEnded() }
        do throws(JournalError) {
            return .success(try compact())
        } catch {
            return .failure(error)
        }
    }
}

/// The records of a snapshot of some contents: their version, each kind's search index, then one put per
/// resource, encoded one at a time as they are written.
///
/// The search indexes are encoded at once and not kept: writers append to the live indexes meanwhile, and each
/// posting list they touch while a snapshot still shares it is copied (copy on write).
struct SnapshotRecords: Sequence {
    let header: [[UInt8]]
    let resources: [StoredResource]

    init(_ contents: StoreContents) {
        header = [ChangeRecord.version(contents.version).encoded]
            + contents.searchIndexes.map { ChangeRecord.searchIndex($0.index, of: $0.kind).encoded }
        resources = contents.resources
    }

    func makeIterator() -> UnfoldSequence<[UInt8], Int> {
        let (header, resources) = (header, resources)
        return sequence(state: 0) { index in
            defer { index += 1 }
            if index < header.count { return header[index] }
            let resource = index - header.count
            return resource < resources.count ? ChangeRecord.put(resources[resource]).encoded : nil
        }
    }
}

/// Starts at most one background compaction of a `DurableStore` at a time (the change log asks only once until
/// `compactionEnded`), and lets `close` wait for a running one.
///
/// `@unchecked Sendable`: every property is guarded by `condition`.
private final class CompactionTrigger: @unchecked Sendable {
    private let condition = NSCondition()
    private weak var target: DurableStore?
    private var onCompaction: @Sendable (Result<CompactionSummary, JournalError>) -> Void = { _ in }
    private var running = false
    private var stopped = false

    func set(_ target: DurableStore, onCompaction: @escaping @Sendable (Result<CompactionSummary, JournalError>) -> Void) {
        condition.withLock {
            self.target = target
            self.onCompaction = onCompaction
        }
    }

    func start() {
        let report: @Sendable (Result<CompactionSummary, JournalError>) -> Void
        condition.lock()
        defer { condition.unlock() }
        guard let target, !stopped else { return }
        running = true
        report = onCompaction
        // Weak, so that `close` returns only after the thread let go of the store (and of its directory lock).
        let thread = Thread { [weak target, self] in
            // Below the request threads: on a busy server, encoding and writing the snapshot takes the CPU that
            // is left, instead of a share of what the writes need (its lock holds are short waits, not work).
            _ = csystem_lower_thread_priority(10)
            let result = target?.compactInBackground()
            condition.withLock {
                running = false
                condition.broadcast()
            }
            if let result { report(result) }
        }
        thread.name = "compaction"
        thread.start()
    }

    /// Refuses later compactions and waits for a running one to end.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        while running { condition.wait() }
    }
}
