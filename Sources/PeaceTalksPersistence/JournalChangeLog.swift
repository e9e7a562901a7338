import Journal
import PeaceTalksStore
import Synchronization

/// The store's change log on a `Journal`: each change is one `ChangeRecord`, made durable by the journal's group
/// commit; once the journal passes `compactAfterBytes`, `onSizeExceeded` is called (once until `compactionEnded`).
package final class JournalChangeLog: ChangeLog {
    /// The journal written to.
    package let journal: Journal
    private let compactAfterBytes: Int
    private let onSizeExceeded: @Sendable () -> Void
    private let compactionRequested = Atomic<Bool>(false)

    /// Logs to `journal`; `onSizeExceeded` runs on the appending thread, under the store's writer lock, so it
    /// must only start work elsewhere.
    package init(journal: Journal, compactAfterBytes: Int, onSizeExceeded: @escaping @Sendable () -> Void) {
        self.journal = journal
        self.compactAfterBytes = compactAfterBytes
        self.onSizeExceeded = onSizeExceeded
    }

    /// Buffers the change's record (no system call); the ticket's sequence is the token.
    package func append(_ change: Change, version: UInt64, stored: StoredResource?) throws -> UInt64 {
        let record: ChangeRecord
        switch change {
        case .put(let resource):
            record = .put(stored ?? StoredResource(resource: resource, version: version))
        case .delete(let key):
            record = .delete(key, version: version)
        }
        let ticket = try journal.append(record.encoded)
        requestCompactionIfOverSize()
        return ticket.sequence
    }

    /// Calls `onSizeExceeded` if the journal is past `compactAfterBytes` and no compaction was requested since the
    /// last one ended (also at start-up: a large replayed journal is compacted so the next start reads a snapshot).
    package func requestCompactionIfOverSize() {
        if journal.journalSize > compactAfterBytes
            && !compactionRequested.compareExchange(expected: false, desired: true, ordering: .relaxed).original
        {
            onSizeExceeded()
        }
    }

    /// Waits for the journal's group commit to cover the change.
    package func waitUntilDurable(_ token: UInt64) throws {
        try journal.waitUntilDurable(JournalTicket(sequence: token))
    }

    /// Whether no journal batch is being written: a waiter leads the next at once.
    package var waitStartsSync: Bool { !journal.isSyncing }

    /// Runs `handler` on the journal's sync leader after each durable batch.
    package func setDurabilityHandler(_ handler: @escaping @Sendable (UInt64) -> Void) {
        journal.setDurabilityHandler { ticket in handler(ticket.sequence) }
    }

    /// The first failed ticket while the journal refuses appends.
    package func failedToken() -> UInt64? { journal.failedFrom?.sequence }

    /// Lets the journal accept appends again.
    package func resume() throws { try journal.resume() }

    /// Allows the next size-triggered compaction.
    package func compactionEnded() { compactionRequested.store(false, ordering: .relaxed) }
}
