import CSystem
import Foundation
import Glibc

/// A compaction under way: its snapshot must hold exactly the records appended before `beginCompaction`.
package struct JournalCheckpoint: Sendable, Equatable {
    /// The journal generation begun by the compaction; the snapshot covers every generation before it.
    package let generation: UInt64
    /// The last record appended before the compaction (sequence 0 if none in this process).
    package let lastTicket: JournalTicket
}

/// Compaction protocol, crash-safe at every instant:
///
/// 1. `beginCompaction()` (under the caller's write lock, with the caller's state copy taken under the same
///    lock) creates `journal-(N+1).log`, syncs it and the directory, and sends every later append there.
/// 2. `writeSnapshot` writes the copy to `snapshot-(N+1).dat.tmp`, syncs it, waits until every record before the
///    checkpoint is durable, renames it to `snapshot-(N+1).dat` and syncs the directory. From that rename on,
///    snapshot N+1 plus journals N+1... hold every acknowledged record exactly once; before it, the previous
///    snapshot (or none) plus journals from its generation on do.
/// 3. Only then are journals and snapshots older than N+1 deleted. Start-up loads the newest snapshot, replays the
///    journals from its generation on, and deletes leftovers of any step: `.tmp` files and older generations.
extension Journal {
    /// Starts a compaction: creates the next journal generation (two syncs) and sends later appends to it.
    /// Call it under the caller's write lock and take the state copy for `writeSnapshot` under the same lock.
    package func beginCompaction() throws(JournalError) -> JournalCheckpoint {
        condition.lock()
        do throws(JournalError) {
            try state.checkWritable()
            if let running = state.compactingGeneration {
                throw JournalError(code: .compactionConflict, message: "compaction to generation \(running) running")
            }
        } catch {
            condition.unlock()
            throw error
        }
        let generation = state.current.generation + 1
        state.compactingGeneration = generation
        condition.unlock()
        let file: JournalFile
        do throws(JournalError) {
            file = try JournalFile.create(directory: directory, generation: generation, operations: operations)
        } catch {
            finishCompaction()
            throw error
        }
        condition.lock()
        defer { condition.unlock() }
        state.current = file
        state.currentSize = file.durableSize
        return JournalCheckpoint(generation: generation, lastTicket: JournalTicket(sequence: state.lastAppended))
    }

    /// Writes `records` (the caller's state as of `checkpoint`) as the snapshot of `checkpoint.generation`, then
    /// deletes the journal generations and snapshots it replaces. Runs on any thread while appends go on; on
    /// failure the compaction is abandoned (the data stays as it was) and another can begin.
    package func writeSnapshot(
        _ records: some Sequence<[UInt8]>, for checkpoint: JournalCheckpoint
    ) throws(JournalError) {
        condition.lock()
        let running = state.compactingGeneration
        condition.unlock()
        guard running == checkpoint.generation else {
            throw JournalError(
                code: .compactionConflict, message: "no compaction to generation \(checkpoint.generation)")
        }
        defer { finishCompaction() }
        let path = directory + "/" + JournalFormat.snapshotName(checkpoint.generation)
        let temporary = path + JournalFormat.temporarySuffix
        do throws(JournalError) {
            try writeSnapshotFile(records, to: temporary, generation: checkpoint.generation)
            // A record the snapshot holds must not be one whose write fails and is undone by the caller.
            try waitUntilDurable(checkpoint.lastTicket)
            try FileSystem.rename(temporary, to: path)
            try FileSystem.synchronizeDirectory(directory)
        } catch {
            try? FileSystem.remove(temporary)
            throw error
        }
        for name in try FileSystem.listDirectory(directory) {
            guard let (_, generation) = JournalFormat.parseName(name), generation < checkpoint.generation else {
                continue
            }
            try FileSystem.remove(directory + "/" + name)
        }
        try FileSystem.synchronizeDirectory(directory)
    }

    private func writeSnapshotFile(
        _ records: some Sequence<[UInt8]>, to path: String, generation: UInt64
    ) throws(JournalError) {
        let fd = try FileSystem.open(path, O_WRONLY | O_CREAT | O_TRUNC)
        defer { Glibc.close(fd) }
        var buffer = JournalFormat.header(.snapshot, generation: generation)
        var offset = 0
        var count: UInt64 = 0
        var writingBack = 0..<0
        func flush() throws(JournalError) {
            let result = buffer.withUnsafeBytes { operations.write(fd, $0, at: offset) }
            if result != 0 { throw .io("write", path: path, errno: result, offset: offset) }
            // Written back as it goes, one chunk in flight while the next is written. Hundreds of MB left dirty
            // for the final sync would stall the journal syncs of the writes going on meanwhile for tens of ms;
            // so does starting every chunk's write-back without waiting, which queues them all ahead of those
            // syncs (a C test here: 3 KB record syncs at p50 27 ms that way, 0.17 ms with one 256 KiB chunk in
            // flight, 0.09 ms with no snapshot written).
            _ = csystem_start_writeback(fd, Int64(offset), Int64(buffer.count))
            if !writingBack.isEmpty {
                _ = csystem_wait_for_writeback(fd, Int64(writingBack.lowerBound), Int64(writingBack.count))
            }
            writingBack = offset..<(offset + buffer.count)
            offset += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
        for record in records {
            guard record.count <= maxRecordSize else {
                throw JournalError(
                    code: .recordTooLarge, path: path, offset: offset + buffer.count,
                    message: "snapshot record of \(record.count) bytes exceeds the limit")
            }
            JournalFormat.appendFrame(record, to: &buffer)
            count += 1
            if buffer.count >= Self.snapshotChunkSize { try flush() }
        }
        buffer += JournalFormat.trailer(recordCount: count)
        try flush()
        let result = operations.synchronize(fd)
        if result != 0 { throw .io("fdatasync", path: path, errno: result, offset: offset) }
    }

    /// Bytes of snapshot written (and written back) at a time.
    static let snapshotChunkSize = 256 << 10

    private func finishCompaction() {
        condition.lock()
        state.compactingGeneration = nil
        condition.unlock()
    }
}
