import Dispatch

/// Records buffered for one journal file, in ticket order.
struct Segment {
    let file: JournalFile
    var bytes: [UInt8]
    var lastSequence: UInt64
}

/// What a sync leader achieved with one batch.
struct BatchOutcome {
    var durableThrough: UInt64?
    var syncs = 0
    var error: JournalError?
    /// The file whose write failed; it may still hold bytes past its durable size.
    var failedFile: JournalFile?
}

/// A thread in `Journal.waitUntilDurable` while another leads. Its fields are set under `Journal.condition`
/// before `semaphore` is signalled, and read by the waiter after it wakes.
final class DurabilityWaiter: @unchecked Sendable {
    let sequence: UInt64
    let semaphore = DispatchSemaphore(value: 0)
    /// Its record was written (or failed, with `error`); otherwise it was woken to lead the next batch.
    var isSettled = false
    var error: JournalError?

    init(sequence: UInt64) { self.sequence = sequence }
}

/// A range of tickets that failed, and why.
struct Failure {
    let tickets: ClosedRange<UInt64>
    let error: JournalError
}

/// The journal writer's mutable state, guarded by `Journal.condition`.
struct WriterState {
    /// The file that new appends go to.
    var current: JournalFile
    /// Buffered records not yet taken by a leader; more than one segment only across a generation switch.
    var segments: [Segment] = []
    var lastAppended: UInt64 = 0
    /// Every ticket up to here is settled: durable, or failed and listed in `failures`.
    var settledThrough: UInt64 = 0
    /// A leader is writing a batch.
    var syncing = false
    var failures: [Failure] = []
    /// Threads sleeping until their ticket settles, in no particular order.
    var waiters: [DurabilityWaiter] = []
    /// Set by a failure: appends are refused until `resume()`.
    var failedFrom: UInt64?
    /// The file a failure left to cut back (not always `current`, if a compaction switched files meanwhile).
    var failedFile: JournalFile?
    var currentSize: Int
    var syncCount = 0
    /// A compaction began and has not finished; its generation.
    var compactingGeneration: UInt64?
    var closed = false
    /// An emptied buffer kept for the next segment so that steady appends do not reallocate.
    private var spare: [UInt8] = []

    init(current: JournalFile) {
        self.current = current
        self.currentSize = current.durableSize
    }

    func checkWritable() throws(JournalError) {
        if closed { throw JournalError(code: .closed, message: "the journal is closed") }
        if let failedFrom, let failure = failures.last {
            throw JournalError(
                code: .unavailable, path: failure.error.path, offset: failure.error.offset,
                errno: failure.error.errno,
                message: "journal writes failed from ticket \(failedFrom) on (\(failure.error.message)); not resumed")
        }
    }

    mutating func append(_ payload: [UInt8], checksum: UInt32) -> JournalTicket {
        lastAppended += 1
        if segments.last?.file !== current {
            var bytes = spare
            spare = []
            bytes.removeAll(keepingCapacity: true)
            segments.append(Segment(file: current, bytes: bytes, lastSequence: lastAppended))
        }
        let index = segments.count - 1
        JournalFormat.appendLittleEndian(UInt32(payload.count), to: &segments[index].bytes)
        JournalFormat.appendLittleEndian(checksum, to: &segments[index].bytes)
        segments[index].bytes.append(contentsOf: payload)
        segments[index].lastSequence = lastAppended
        currentSize += JournalFormat.frameHeaderSize + payload.count
        return JournalTicket(sequence: lastAppended)
    }

    /// Hands every buffered segment to the calling thread, which becomes the sync leader.
    mutating func takeBatch() -> [Segment] {
        precondition(!segments.isEmpty, "waiting for a ticket that was never appended")
        syncing = true
        defer { segments = [] }
        return segments
    }

    /// The error of `sequence`'s write, if it failed.
    func failure(of sequence: UInt64) -> JournalError? {
        failures.last { $0.tickets.contains(sequence) }?.error
    }

    /// After a batch: removes the waiters whose tickets settled (their outcome set), and, if records are still
    /// buffered, one more waiter, to lead the next batch.
    mutating func takeWaitersToWake() -> [DurabilityWaiter] {
        var woken: [DurabilityWaiter] = []
        var waiting: [DurabilityWaiter] = []
        for waiter in waiters {
            if waiter.sequence <= settledThrough {
                waiter.isSettled = true
                waiter.error = failure(of: waiter.sequence)
                woken.append(waiter)
            } else {
                waiting.append(waiter)
            }
        }
        if !segments.isEmpty, !waiting.isEmpty { woken.append(waiting.removeFirst()) }
        waiters = waiting
        return woken
    }

    /// Publishes a leader's outcome: durable tickets settle; on error, the rest of the batch and everything
    /// appended since fail together, and appends stop until `resume()`.
    mutating func finish(_ batch: [Segment], _ outcome: BatchOutcome) {
        syncing = false
        syncCount += outcome.syncs
        if let durable = outcome.durableThrough { settledThrough = durable }
        if let error = outcome.error {
            failures.append(Failure(tickets: (settledThrough + 1)...lastAppended, error: error))
            failedFrom = failedFrom ?? settledThrough + 1
            failedFile = outcome.failedFile
            settledThrough = lastAppended
            segments = []
            currentSize = current.durableSize
        } else if var reusable = batch.last?.bytes {
            reusable.removeAll(keepingCapacity: true)
            spare = reusable
        }
    }
}
