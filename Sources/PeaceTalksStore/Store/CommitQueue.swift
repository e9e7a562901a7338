import Foundation
import PeaceTalksModel
import Synchronization

/// The changes that are logged but not yet applied, in version order: what makes "apply after durable" keep the
/// order of the log while concurrent writers share a sync.
///
/// A writer registers its change under the store's writer lock right after appending it to the change log and
/// waits for durability without any lock. Then one writer at a time applies every pending change up to its own in
/// one batch (the log is in version order, so all of them are durable too); the writers whose changes it applied
/// find them gone and return. A group commit thus costs one exclusive section and one wake-up, not one per change.
/// A writer preparing a change that depends on a pending one (same key, a reference to it, the same article URL,
/// or any delete) first waits until the queue is empty, so that it prepares against the applied state.
///
/// `@unchecked Sendable`: `pending`, `applying` and `failureReported` are guarded by `condition`.
final class CommitQueue: @unchecked Sendable {
    /// A logged change awaiting durability and its turn.
    struct Entry {
        var change: PreparedChange
        let version: UInt64
        let token: UInt64
        let key: ResourceKey
        let targets: [ResourceKey]
        let url: String?
        let isDelete: Bool
    }

    private let condition = NSCondition()
    /// The version of the last change applied: the writers of a batch that the change log's sync leader applied
    /// return without taking the lock, one after another.
    private let appliedThrough = Atomic<UInt64>(0)
    private var pending: [Entry] = []
    /// A writer is applying a batch taken from the front of `pending`.
    private var applying = false
    private var failureReported = false

    /// Adds the change just appended to the log.
    func register(_ change: PreparedChange, token: UInt64) {
        let entry: Entry
        switch change.change {
        case .put(let resource):
            var url: String?
            if case .article(let article) = resource { url = article.url }
            entry = Entry(
                change: change, version: change.version, token: token, key: resource.key,
                targets: resource.references.map(\.target), url: url, isDelete: false)
        case .delete(let key):
            entry = Entry(
                change: change, version: change.version, token: token, key: key, targets: [], url: nil,
                isDelete: true)
        }
        condition.lock()
        pending.append(entry)
        condition.unlock()
    }

    /// Whether `change` must wait for the pending changes to be applied before it can be prepared correctly.
    func conflicts(with change: PreparedChange) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !pending.isEmpty else { return false }
        switch change.change {
        case .delete:
            return true
        case .put(let resource):
            let key = resource.key
            let targets = Set(resource.references.map(\.target))
            var url: String?
            if case .article(let article) = resource { url = article.url }
            return pending.contains { entry in
                entry.key == key || entry.isDelete || targets.contains(entry.key) || (url != nil && entry.url == url)
            }
        }
    }

    /// Whether any logged change is not applied yet.
    var hasPending: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !pending.isEmpty
    }

    /// Blocks until no change is pending or a writer reported a failed sync; returns whether one was reported.
    func waitUntilEmptyOrFailed() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !pending.isEmpty && !failureReported { condition.wait() }
        return failureReported
    }

    /// Returns once the durable change `version` is applied: unless another writer's batch covers it, passes
    /// every pending change up to it, in version order, to `apply` (they are durable, as the log is in order).
    func applyDurable(through version: UInt64, _ apply: ([PreparedChange]) -> Void) {
        if appliedThrough.load(ordering: .acquiring) >= version { return }
        condition.lock()
        defer { condition.unlock() }
        while let first = pending.first, first.version <= version {
            if applying {
                condition.wait()
                continue
            }
            let count = pending.prefix { $0.version <= version }.count
            let batch = pending.prefix(count).map(\.change)
            applying = true
            condition.unlock()
            apply(batch)
            appliedThrough.store(batch.last!.version, ordering: .releasing)
            condition.lock()
            pending.removeFirst(count)
            applying = false
            condition.broadcast()
        }
    }

    /// Like `applyDurable(through:_:)`, for every pending change logged up to `token` (the change log's own
    /// numbering); returns at once when none is.
    func applyDurable(throughToken token: UInt64, _ apply: ([PreparedChange]) -> Void) {
        condition.lock()
        let version = pending.last { $0.token <= token }?.version
        condition.unlock()
        if let version { applyDurable(through: version, apply) }
    }

    /// Hands the pending change `version` its search terms, analysed in advance (no effect once a batch took it).
    func attach(_ analyzed: AnalyzedDocument, to version: UInt64) {
        condition.lock()
        defer { condition.unlock() }
        if let index = pending.firstIndex(where: { $0.version == version }) {
            pending[index].change.search = .analyzed(analyzed)
        }
    }

    /// Records that the change `version` failed to become durable: it is dropped and drainers wake up.
    func reportFailure(_ version: UInt64) {
        condition.lock()
        pending.removeAll { $0.version == version }
        failureReported = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every change logged before `token` is applied, then drops the rest (all failed) and clears
    /// the failure report. Call under the store's writer lock, so that nothing is registered meanwhile.
    func dropFailed(from token: UInt64) {
        condition.lock()
        defer { condition.unlock() }
        while pending.contains(where: { $0.token < token }) { condition.wait() }
        pending.removeAll()
        failureReported = false
        condition.broadcast()
    }

    /// Clears a failure report that needs no recovery (the log already resumed).
    func clearFailureReport() {
        condition.lock()
        failureReported = false
        condition.unlock()
    }
}
