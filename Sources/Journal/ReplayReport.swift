/// Where a replayed record comes from.
package enum JournalRecordSource: Sendable, Equatable {
    /// A record of the snapshot: the caller's state as of the snapshot.
    case snapshot
    /// A record appended to a journal generation after the snapshot.
    case journal
}

/// What start-up found and did: records read, and every cut it made (to log as warnings).
package struct ReplayReport: Sendable, Equatable {
    /// Bytes that start-up removed from a journal file.
    package struct Cut: Sendable, Equatable {
        /// The journal file.
        package let path: String
        /// Where the damage began: the file now ends there (or just after a rewritten header, for offset 0).
        package let offset: Int
        /// How many bytes were removed.
        package let droppedBytes: Int
        /// What was wrong at `offset`.
        package let reason: String
        /// True for corruption cut by `repair` (intact records may have been lost); false for a torn tail.
        package let isRepair: Bool
    }

    /// No journal or snapshot existed before: the data directory is new (the time to import seed data).
    package var isNew = false
    /// The generation of the snapshot loaded, if any: it holds everything before that journal generation.
    package var snapshotGeneration: UInt64?
    /// How many records the snapshot held.
    package var snapshotRecordCount = 0
    /// How many journal records were replayed after the snapshot.
    package var journalRecordCount = 0
    /// The journal generation that appends now go to.
    package var currentGeneration: UInt64 = 1
    /// Torn tails and repaired corruption cut off, in file order.
    package var cuts: [Cut] = []
    /// Files deleted: stale generations, unfinished snapshots, and (with repair) journals after corruption.
    package var removedFiles: [String] = []

    /// One line per cut, for the log: the file, the offset, the bytes dropped and why.
    package var warnings: [String] {
        cuts.map { cut in
            let kind = cut.isRepair ? "repair cut corrupt data" : "cut a torn tail"
            return "\(cut.path): \(kind) at offset \(cut.offset) (\(cut.reason)); dropped \(cut.droppedBytes) bytes"
        }
    }
}
