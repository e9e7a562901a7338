import Glibc

extension Journal {
    /// Opens the journal in `directory` (creating both if needed), replaying what it holds: the newest snapshot's
    /// records, then every journal generation from the snapshot's on, each record passed to `replay` once, in order.
    ///
    /// The payload passed to `replay` points into a mapping of the file and is valid only during the call.
    /// A torn or corrupt record at the very end of the data (a crash mid-write: an incomplete record, or a bad
    /// checksum with nothing intact after it) is cut off and listed in the report's `cuts`. Damage followed by
    /// intact data throws `.corrupt` naming the file and offset, unless `options.repair` is set: then the data from
    /// the damage on (later generations included) is cut and reported. An error thrown by `replay` becomes
    /// `.recordRejected` with the record's file and offset. Hold the `DataDirectoryLock` first.
    package static func open(
        directory: String, options: JournalOptions = JournalOptions(),
        replay: (JournalRecordSource, UnsafeRawBufferPointer) throws -> Void
    ) throws(JournalError) -> (journal: Journal, report: ReplayReport) {
        try FileSystem.createDirectory(directory)
        var journals: [UInt64] = []
        var snapshots: [UInt64] = []
        var stale: [String] = []
        for name in try FileSystem.listDirectory(directory) {
            if name.hasSuffix(JournalFormat.temporarySuffix) {
                stale.append(name)
            } else if let (kind, generation) = JournalFormat.parseName(name) {
                if kind == .journal { journals.append(generation) } else { snapshots.append(generation) }
            }
        }
        var report = ReplayReport()
        report.isNew = journals.isEmpty && snapshots.isEmpty
        let snapshot = snapshots.max()
        if let snapshot {
            report.snapshotGeneration = snapshot
            report.snapshotRecordCount = try loadSnapshot(directory: directory, generation: snapshot, options, replay)
        }
        // Snapshot N holds everything before journal N, and journal N is created before snapshot N is published,
        // so the live journals are exactly N, N+1, ... (1, 2, ... without a snapshot). A gap means lost data.
        let base = snapshot ?? 1
        let live = journals.filter { $0 >= base }.sorted()
        for (index, generation) in live.enumerated() where generation != base + UInt64(index) {
            let missing = directory + "/" + JournalFormat.journalName(base + UInt64(index))
            throw .corrupt(path: missing, offset: 0, "journal generation missing (found \(generation) instead)")
        }
        if snapshot != nil && live.isEmpty {
            let missing = directory + "/" + JournalFormat.journalName(base)
            throw .corrupt(path: missing, offset: 0, "journal generation missing after the snapshot")
        }
        var files: [JournalFile] = []
        for generation in live {
            let path = directory + "/" + JournalFormat.journalName(generation)
            let fd = try FileSystem.open(path, O_RDWR)
            let size = try FileSystem.size(fd, path: path)
            files.append(JournalFile(fd: fd, path: path, generation: generation, size: size))
        }
        var index = 0
        while index < files.count {
            let repaired = try replayJournal(files[index], later: files[(index + 1)...], options, &report, replay)
            index += 1
            if repaired {
                for later in files[index...] {
                    try FileSystem.remove(later.path)
                    report.removedFiles.append(later.path)
                }
                files.removeSubrange(index...)
            }
        }
        let current: JournalFile
        if let last = files.last {
            current = last
        } else {
            current = try JournalFile.create(directory: directory, generation: base, operations: options.fileOperations)
        }
        report.currentGeneration = current.generation
        stale += journals.filter { $0 < base }.map(JournalFormat.journalName)
        stale += snapshots.filter { $0 != snapshot }.map(JournalFormat.snapshotName)
        for name in stale {
            try FileSystem.remove(directory + "/" + name)
            report.removedFiles.append(directory + "/" + name)
        }
        if !report.removedFiles.isEmpty { try FileSystem.synchronizeDirectory(directory) }
        return (Journal(directory: directory, options: options, file: current), report)
    }

    /// Passes every record of snapshot `generation` to `replay`; any damage throws, since a published snapshot
    /// was complete and synced before its rename.
    private static func loadSnapshot(
        directory: String, generation: UInt64, _ options: JournalOptions,
        _ replay: (JournalRecordSource, UnsafeRawBufferPointer) throws -> Void
    ) throws(JournalError) -> Int {
        let path = directory + "/" + JournalFormat.snapshotName(generation)
        let fd = try FileSystem.open(path, O_RDONLY)
        defer { Glibc.close(fd) }
        let mapped = try MappedFile(fd, size: try FileSystem.size(fd, path: path), path: path)
        let bytes = mapped.bytes
        guard JournalFormat.hasValidHeader(bytes, .snapshot, generation: generation) else {
            throw .corrupt(path: path, offset: 0, "invalid snapshot header")
        }
        guard let expected = JournalFormat.trailerRecordCount(bytes) else {
            throw .corrupt(path: path, offset: max(0, bytes.count - JournalFormat.trailerSize), "no snapshot trailer")
        }
        let end = bytes.count - JournalFormat.trailerSize
        let scanner = RecordScanner(bytes: bytes, end: end, maxRecordSize: options.maxRecordSize)
        var offset = JournalFormat.headerSize
        var count = 0
        scanning: while true {
            switch scanner.frame(at: offset) {
            case .record(let payload, let next):
                try deliver(payload, .snapshot, path: path, offset: offset, replay)
                count += 1
                offset = next
            case .end:
                break scanning
            case .damaged(let reason):
                throw .corrupt(path: path, offset: offset, "snapshot record damaged: \(reason)")
            }
        }
        guard UInt64(count) == expected else {
            throw .corrupt(path: path, offset: end, "snapshot holds \(count) records, its trailer says \(expected)")
        }
        return count
    }

    /// Replays one journal file, cutting a torn tail; returns true if `repair` cut corruption (so that the
    /// `later` generations must go too).
    private static func replayJournal(
        _ file: JournalFile, later: ArraySlice<JournalFile>, _ options: JournalOptions, _ report: inout ReplayReport,
        _ replay: (JournalRecordSource, UnsafeRawBufferPointer) throws -> Void
    ) throws(JournalError) -> Bool {
        let size = file.allocatedSize
        guard let damage = try scanJournal(file, options, &report, replay) else { return false }
        // A torn tail is damage with nothing intact after it, in this file or in a later generation.
        var torn = damage.intactRecordAfter == nil
        for laterFile in later where torn {
            torn = try !holdsRecords(laterFile)
        }
        if !torn && !options.repair {
            var reason = damage.reason
            if let next = damage.intactRecordAfter {
                reason += "; an intact record follows at offset \(next)"
            } else {
                reason += "; later journal generations hold records"
            }
            throw .corrupt(path: file.path, offset: damage.offset, reason)
        }
        try file.cut(at: damage.offset, operations: options.fileOperations)
        let cut = ReplayReport.Cut(
            path: file.path, offset: damage.offset, droppedBytes: size - damage.offset,
            reason: damage.reason, isRepair: !torn)
        report.cuts.append(cut)
        return !torn
    }

    /// Where a journal file stops being intact.
    private struct Damage {
        let offset: Int
        let reason: String
        let intactRecordAfter: Int?
    }

    /// Whether anything but zeros follows the file's header.
    private static func holdsRecords(_ file: JournalFile) throws(JournalError) -> Bool {
        let mapped = try MappedFile(file.fd, size: file.allocatedSize, path: file.path)
        return mapped.bytes.firstNonZero(from: JournalFormat.headerSize) != nil
    }

    /// Passes the file's intact records to `replay`, sets its durable size to where they end and returns the
    /// first damage, if any; zeros after the last record are space written ahead, not damage.
    private static func scanJournal(
        _ file: JournalFile, _ options: JournalOptions, _ report: inout ReplayReport,
        _ replay: (JournalRecordSource, UnsafeRawBufferPointer) throws -> Void
    ) throws(JournalError) -> Damage? {
        let mapped = try MappedFile(file.fd, size: file.allocatedSize, path: file.path)
        let bytes = mapped.bytes
        guard JournalFormat.hasValidHeader(bytes, .journal, generation: file.generation) else {
            // The header is written and synced before any record, so a bad header is a torn creation only if
            // nothing follows it.
            let hasMore = bytes.count > JournalFormat.headerSize
            return Damage(offset: 0, reason: "invalid journal header", intactRecordAfter: hasMore ? 0 : nil)
        }
        let scanner = RecordScanner(bytes: bytes, end: bytes.count, maxRecordSize: options.maxRecordSize)
        var offset = JournalFormat.headerSize
        while true {
            switch scanner.frame(at: offset) {
            case .record(let payload, let next):
                try deliver(payload, .journal, path: file.path, offset: offset, replay)
                report.journalRecordCount += 1
                offset = next
            case .end:
                return nil
            case .damaged where bytes.firstNonZero(from: offset) == nil:
                file.durableSize = offset
                return nil
            case .damaged(let reason):
                return Damage(
                    offset: offset, reason: reason, intactRecordAfter: scanner.firstIntactRecord(after: offset))
            }
        }
    }

    private static func deliver(
        _ payload: UnsafeRawBufferPointer, _ source: JournalRecordSource, path: String, offset: Int,
        _ replay: (JournalRecordSource, UnsafeRawBufferPointer) throws -> Void
    ) throws(JournalError) {
        do {
            try replay(source, payload)
        } catch {
            throw JournalError(code: .recordRejected, path: path, offset: offset, message: "replay failed: \(error)")
        }
    }
}
