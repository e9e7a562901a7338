import Foundation
import Journal
import Logging
import PeaceTalksPersistence
import PeaceTalksAPI
import PeaceTalksStore

/// Opening the data directory for the commands: the lock, then replay, each failure one line.
enum DataDirectory {
    /// Takes the directory's lock; held by another process, the error names its pid.
    static func lock(_ directory: String) throws(StartupError) -> DataDirectoryLock {
        do {
            return try DataDirectoryLock.acquire(directory: directory)
        } catch {
            throw StartupError("\(error)")
        }
    }

    /// Replays the locked directory into `store` and attaches the journal, logging cuts as warnings.
    static func open(
        _ lock: DataDirectoryLock, into store: InMemoryStore, settings: Settings, repair: Bool, logger: Logger
    ) throws(StartupError) -> DurableStore {
        var options = DurabilityOptions()
        options.repair = repair
        options.compactAfterBytes = settings.compactAfterBytes
        options.onCompaction = { result in
            switch result {
            case .success(let summary):
                logger.info("compacted: snapshot \(summary.generation) holds \(summary.resourceCount) resources")
            case .failure(let error):
                logger.error("compaction failed (the journal goes on): \(error)")
            }
        }
        let start = ContinuousClock.now
        let durable: DurableStore
        do {
            durable = try DurableStore.open(lock, into: store, options: options)
        } catch where error.code == .corrupt {
            throw StartupError("\(error); start with --repair to keep the records before it")
        } catch {
            throw StartupError("\(error)")
        }
        for warning in durable.report.warnings { logger.warning("\(warning)") }
        let report = durable.report
        let elapsed = ContinuousClock.now - start
        logger.info(
            "loaded \(lock.directory): \(report.snapshotRecordCount) snapshot and \(report.journalRecordCount) journal records in \(elapsed)")
        return durable
    }

    /// Fills a data directory that holds no record yet with the seed data, as ONE journal record: after a crash
    /// during a first start the directory holds either every seed or none, and then it is seeded again.
    /// The seeds are checked in a staging store first, so a broken file stops start-up with its one-line error.
    static func seed(_ durable: DurableStore, from directory: URL) throws(StartupError) {
        let staging = InMemoryStore()
        do {
            try loadSeeds(from: directory, into: staging)
            let contents = try staging.contents
            try NDJSONImport.apply(contents.resources.map(\.resource), to: durable)
        } catch {
            throw StartupError("\(error)")
        }
    }
}

extension DurableStore {
    /// True when neither a snapshot nor the journal holds a record: a new directory, or one whose first start
    /// stopped before its seeds were durable.
    var holdsNoRecord: Bool { report.snapshotGeneration == nil && report.snapshotRecordCount == 0 && report.journalRecordCount == 0 }
}
