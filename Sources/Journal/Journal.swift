import Foundation

/// A ticket for one appended record, in append order; `waitUntilDurable` tells when it is on stable storage.
package struct JournalTicket: Comparable, Hashable, Sendable {
    /// The record's position in this process's append order, from 1.
    package let sequence: UInt64

    /// The ticket of the record with `sequence` (a caller that kept only the number gets the ticket back).
    package init(sequence: UInt64) { self.sequence = sequence }

    /// Orders tickets by append order.
    package static func < (lhs: JournalTicket, rhs: JournalTicket) -> Bool { lhs.sequence < rhs.sequence }
}

/// How a journal is opened.
package struct JournalOptions: Sendable {
    /// Cut corruption that is not a torn tail (and everything after it) instead of refusing to start.
    package var repair = false
    /// Payloads above this many bytes are refused by `append` and treated as damage by replay.
    package var maxRecordSize = 64 << 20
    /// Zeros written ahead of the records, in steps of this many bytes (0: grow the file with each write).
    /// Syncing writes into blocks already written flushes data only, which is several times faster than
    /// syncing a file that grows; replay treats the zeros after the last record as free space.
    package var preallocationSize = 4 << 20
    /// Write records with direct I/O where the file system allows it (see `DirectAppender`).
    package var directIO = true
    /// The system calls that write, sync and truncate files (replaced in tests to inject failures).
    package var fileOperations: any JournalFileOperations = SystemFileOperations()

    /// The defaults: strict replay, 64 MiB records, real system calls.
    package init() {}
}

/// A durable append-only log of opaque records with group commit, snapshots and compaction.
///
/// Use from a store with one write path:
/// ```
/// lock { ticket = try journal.append(bytes); apply(change) }   // no system call, cheap
/// try journal.waitUntilDurable(ticket)                         // after unlocking: shares one fdatasync
/// ```
/// Group commit: `append` only buffers. A thread in `waitUntilDurable` whose record is not yet durable becomes
/// the sync leader if no sync is running: it takes every buffered record, writes them with one `pwrite`, calls
/// `fdatasync` once, runs `onDurable`, then wakes every waiter its batch covers. Records appended meanwhile wait
/// for the next leader, so concurrent writers share syncs and a lone writer pays one write and one sync, with no
/// thread hop. A writer that finds a sync running (`isSyncing`) can do other work before it waits.
///
/// Failure: when a write or sync fails (ENOSPC, EIO), the file is cut back to its last durable size, the
/// failing batch and everything appended after it fail with the error, and `append` throws `.unavailable`
/// until `resume()`. Failed tickets are always a suffix starting at `failedFrom`, so the caller can undo
/// exactly those changes in memory (under its lock) before calling `resume()`.
///
/// `@unchecked Sendable`: all mutable state is in `state`, guarded by `condition`.
package final class Journal: @unchecked Sendable {
    /// The data directory.
    package let directory: String
    let operations: any JournalFileOperations
    let maxRecordSize: Int
    let preallocationSize: Int
    let usesDirectIO: Bool
    let condition = NSCondition()
    var state: WriterState
    /// Runs on the sync leader after each durable batch, with the batch's last ticket, before its waiters wake.
    private var onDurable: (@Sendable (JournalTicket) -> Void)?

    init(directory: String, options: JournalOptions, file: JournalFile) {
        self.directory = directory
        self.operations = options.fileOperations
        self.maxRecordSize = options.maxRecordSize
        self.preallocationSize = options.preallocationSize
        self.usesDirectIO = options.directIO
        self.state = WriterState(current: file)
    }

    /// Buffers `payload` as the next record, without any system call; call it under the caller's write lock so
    /// that the journal's order is the order of the changes. Throws if the journal is closed or failed.
    package func append(_ payload: [UInt8]) throws(JournalError) -> JournalTicket {
        guard payload.count <= maxRecordSize else {
            throw JournalError(code: .recordTooLarge, message: "record of \(payload.count) bytes exceeds the limit")
        }
        let checksum = JournalFormat.frameChecksum(length: UInt32(payload.count), payload: payload)
        condition.lock()
        defer { condition.unlock() }
        try state.checkWritable()
        return state.append(payload, checksum: checksum)
    }

    /// Whether a sync leader is writing a batch now: records appended meanwhile wait for the next one.
    package var isSyncing: Bool {
        condition.lock()
        defer { condition.unlock() }
        return state.syncing
    }

    /// Sets what the sync leader runs after each durable batch (e.g. applying the batch's changes in memory, so
    /// that its waiters find them applied); call it before the first append.
    package func setDurabilityHandler(_ handler: @escaping @Sendable (JournalTicket) -> Void) {
        condition.lock()
        onDurable = handler
        condition.unlock()
    }

    /// Blocks until the record of `ticket` is durable (written and `fdatasync`ed), leading a group sync if none
    /// is running; throws the I/O error if its write failed.
    ///
    /// While another thread leads, it sleeps on a semaphore of its own: the leader wakes exactly the waiters its
    /// batch settled, with their outcome, and one more to lead the next batch. (A broadcast would wake every
    /// waiter at once, each to take the lock in turn: at 32 writers that was most of the context switches.)
    package func waitUntilDurable(_ ticket: JournalTicket) throws(JournalError) {
        condition.lock()
        while ticket.sequence > state.settledThrough {
            if !state.syncing {
                lead()
                continue
            }
            let waiter = DurabilityWaiter(sequence: ticket.sequence)
            state.waiters.append(waiter)
            condition.unlock()
            waiter.semaphore.wait()
            if waiter.isSettled {
                if let error = waiter.error { throw error }
                return
            }
            condition.lock()
        }
        let error = state.failure(of: ticket.sequence)
        condition.unlock()
        if let error { throw error }
    }

    /// Blocks until every record appended so far is durable.
    package func sync() throws(JournalError) {
        condition.lock()
        let last = JournalTicket(sequence: state.lastAppended)
        condition.unlock()
        try waitUntilDurable(last)
    }

    /// Syncs what was appended and refuses further appends; the files close when the journal is released.
    package func close() throws(JournalError) {
        defer {
            condition.lock()
            state.closed = true
            condition.unlock()
        }
        try sync()
    }

    /// The first ticket of the failed suffix while the journal refuses appends after a write error, else nil.
    package var failedFrom: JournalTicket? {
        condition.lock()
        defer { condition.unlock() }
        return state.failedFrom.map(JournalTicket.init(sequence:))
    }

    /// Accepts appends again after a failure, once the caller has undone every change from `failedFrom` on;
    /// first retries cutting the file back to its durable size if that failed. Call it under the write lock.
    package func resume() throws(JournalError) {
        condition.lock()
        defer { condition.unlock() }
        while state.syncing { condition.wait() }
        guard state.failedFrom != nil else { return }
        if let file = state.failedFile, file.needsTruncation {
            let result = operations.truncate(file.fd, to: file.durableSize)
            if result != 0 { throw .io("ftruncate", path: file.path, errno: result, offset: file.durableSize) }
            file.needsTruncation = false
            file.allocatedSize = file.durableSize
        }
        state.failedFrom = nil
        state.failedFile = nil
        state.currentSize = state.current.durableSize
    }

    /// The size in bytes of the current journal generation, buffered records included: compact past a limit.
    package var journalSize: Int {
        condition.lock()
        defer { condition.unlock() }
        return state.currentSize
    }

    /// How many `fdatasync` calls the journal has made for records (fewer than appends under group commit).
    package var syncCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return state.syncCount
    }

    /// Under `condition`, with records buffered and no sync running: writes and syncs them all as one batch,
    /// runs `onDurable` if it became durable, and wakes the waiters it settled (and one to lead the next batch).
    private func lead() {
        let batch = state.takeBatch()
        let handler = onDurable
        condition.unlock()
        let outcome = write(batch)
        if let durable = outcome.durableThrough, outcome.error == nil, let handler {
            handler(JournalTicket(sequence: durable))
        }
        condition.lock()
        state.finish(batch, outcome)
        let woken = state.takeWaitersToWake()
        condition.broadcast()  // `resume()` waits for the sync to end
        condition.unlock()
        for waiter in woken { waiter.semaphore.signal() }
        condition.lock()
    }

    /// Writes and syncs each segment of `batch` in order, without the lock (this thread is the sync leader).
    private func write(_ batch: [Segment]) -> BatchOutcome {
        var outcome = BatchOutcome()
        for segment in batch {
            let file = segment.file
            if let error = write(segment, to: file) {
                // Cut the failed bytes away so that the next append starts on a clean record boundary; if even
                // that fails, `resume()` retries before anything else is written.
                if operations.truncate(file.fd, to: file.durableSize) == 0 {
                    file.allocatedSize = file.durableSize
                } else {
                    file.needsTruncation = true
                }
                outcome.error = error
                outcome.failedFile = file
                return outcome
            }
            outcome.syncs += 1
            outcome.durableThrough = segment.lastSequence
        }
        return outcome
    }

    /// Writes the segment at the file's durable end (directly where the file system allows), zeros ahead of it
    /// when it outgrows the written space, and syncs both with one `fdatasync`.
    private func write(_ segment: Segment, to file: JournalFile) -> JournalError? {
        let end = file.durableSize + segment.bytes.count
        var result: Int32 = EINVAL
        var written = end
        if usesDirectIO, segment.bytes.count <= DirectAppender.maxBatchBytes, let appender = file.directAppender() {
            (result, written) = appender.write(
                segment.bytes, at: file.durableSize, readFD: file.fd, operations: operations)
            if result == EINVAL { file.refuseDirectIO() }
        }
        if result == EINVAL {
            result = segment.bytes.withUnsafeBytes { operations.write(file.fd, $0, at: file.durableSize) }
            written = end
        }
        if result != 0 { return .io("write", path: file.path, errno: result, offset: file.durableSize) }
        var allocated = max(written, file.allocatedSize)
        if end > file.allocatedSize && preallocationSize > 0 {
            let target = (end / preallocationSize + 1) * preallocationSize
            allocated = writeSpaceAhead(in: file, from: allocated, to: target, recordsEnd: written)
        }
        result = operations.synchronize(file.fd)
        if result != 0 { return .io("fdatasync", path: file.path, errno: result, offset: file.durableSize) }
        file.durableSize = end
        file.allocatedSize = allocated
        return nil
    }

    /// Writes zeros in `file` from `start` up to `target`, ahead of records that end (padded) at `recordsEnd`;
    /// returns where the written space ends. Best effort: on a full disk or past a file-size limit the records
    /// still go in until they reach it themselves, and the sync covers whatever was written.
    private func writeSpaceAhead(in file: JournalFile, from start: Int, to target: Int, recordsEnd: Int) -> Int {
        // Direct where the file allows it, from past the records' last block; a refusal falls back to the page
        // cache.
        if usesDirectIO, recordsEnd % DirectAppender.blockSize == 0, target % DirectAppender.blockSize == 0,
            let appender = file.directAppender()
        {
            let result = appender.writeZeros(from: start, to: target, operations: operations)
            if result != EINVAL { return result == 0 ? target : start }
        }
        return operations.writeZeros(file.fd, from: start, to: target).end
    }
}
