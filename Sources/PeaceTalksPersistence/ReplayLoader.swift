import Dispatch
import PeaceTalksModel
import PeaceTalksStore

/// Loads replayed records into a store in bulk: the records' changes (an import's batch record split into its
/// entries) are copied out of the mapped file in batches, decoded and analysed for search in parallel (JSON
/// parsing and text analysis dominate), and applied in order under one lock per batch, on a thread of their own
/// while the next batch decodes. A snapshot's search index records are loaded as they come, and the snapshot's
/// puts of those kinds are not analysed again.
final class ReplayLoader {
    private let store: InMemoryStore
    /// Applies decoded batches in order.
    private let applier = DispatchQueue(label: "replay-apply")
    /// Bounds the decoded batches waiting for `applier` (memory).
    private let applying = DispatchSemaphore(value: 2)
    /// Queued changes' bytes, the replayed record (from 1) each came from, and whether a search index read back
    /// from the snapshot holds it already.
    private var batch: [(bytes: [UInt8], record: Int, indexed: Bool)] = []
    private var records = 0
    /// The kinds whose search index the snapshot provided.
    private var indexedKinds: Set<ResourceKind> = []
    /// The first record that did not decode, with its position in replay order (from 1); loading stops there.
    private(set) var failure: (record: Int, error: ChangeRecordError)?
    private static let batchSize = 2048

    init(store: InMemoryStore) { self.store = store }

    /// Queues the changes of one record; decodes and applies full batches. Ignored after a failure.
    func add(_ payload: UnsafeRawBufferPointer, fromSnapshot: Bool) {
        guard failure == nil else { return }
        records += 1
        do throws(ChangeRecordError) {
            if fromSnapshot, let kind = ChangeRecord.searchIndexKind(of: payload) {
                let changes = try ChangeRecord.decode(payload).replayedChanges
                flush()
                apply(changes)
                if !changes.isEmpty { indexedKinds.insert(kind) }
                return
            }
            try ChangeRecord.forEachChange(in: payload) { change in
                let indexed = fromSnapshot && ChangeRecord.putKind(of: change).map(indexedKinds.contains) == true
                batch.append((Array(change), records, indexed))
                if batch.count >= Self.batchSize { flush() }
            }
        } catch {
            failure = (records, error)
        }
    }

    /// Applies what is queued and waits until everything is applied.
    func finish() {
        flush()
        applier.sync {}
    }

    private func apply(_ changes: [ReplayedChange]) {
        applying.wait()
        applier.async { [store, applying] in
            store.loadReplayed(changes)
            applying.signal()
        }
    }

    private func flush() {
        guard !batch.isEmpty, failure == nil else { return }
        let queued = batch
        batch.removeAll(keepingCapacity: true)
        var decoded = [Result<[ReplayedChange], ChangeRecordError>?](repeating: nil, count: queued.count)
        decoded.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let results = buffer
            let chunks = 8
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in stride(from: chunk, to: queued.count, by: chunks) {
                    let (record, _, indexed) = queued[index]
                    results[index] = record.withUnsafeBytes { bytes in
                        Result { () throws(ChangeRecordError) in
                            let changes = try ChangeRecord.decode(bytes).replayedChanges
                            return changes.map { indexed ? $0.indexed() : $0.analyzed() }
                        }
                    }
                }
            }
        }
        var changes: [ReplayedChange] = []
        changes.reserveCapacity(queued.count)
        for (index, result) in decoded.enumerated() {
            switch result! {
            case .success(let decoded): changes += decoded
            case .failure(let error): failure = (queued[index].record, error)
            }
            if failure != nil { break }
        }
        apply(changes)
    }
}
