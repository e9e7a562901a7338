import Dispatch
import PeaceTalksStore

/// Loads replayed records into a store in bulk: records are copied out of the mapped file in batches, decoded in
/// parallel (JSON parsing and validation dominate), and applied in order under one lock per batch.
final class ReplayLoader {
    private let store: InMemoryStore
    private var batch: [[UInt8]] = []
    private var loaded = 0
    /// The first record that did not decode, with its position in replay order (from 1); loading stops there.
    private(set) var failure: (record: Int, error: ChangeRecordError)?
    private static let batchSize = 2048

    init(store: InMemoryStore) { self.store = store }

    /// Queues one record; decodes and applies a full batch. Ignored after a failure.
    func add(_ payload: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        batch.append(Array(payload))
        if batch.count >= Self.batchSize { flush() }
    }

    /// Applies what is queued.
    func finish() { flush() }

    private func flush() {
        guard !batch.isEmpty, failure == nil else { return }
        let records = batch
        batch.removeAll(keepingCapacity: true)
        var decoded = [Result<ChangeRecord, ChangeRecordError>?](repeating: nil, count: records.count)
        decoded.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let results = buffer
            let chunks = 8
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in stride(from: chunk, to: records.count, by: chunks) {
                    results[index] = records[index].withUnsafeBytes { bytes in
                        Result { () throws(ChangeRecordError) in try ChangeRecord.decode(bytes) }
                    }
                }
            }
        }
        var changes: [ReplayedChange] = []
        changes.reserveCapacity(records.count)
        for (index, result) in decoded.enumerated() {
            switch result! {
            case .success(let record): changes += record.replayedChanges
            case .failure(let error):
                failure = (loaded + index + 1, error)
                break
            }
            if failure != nil { break }
        }
        store.loadReplayed(changes)
        loaded += records.count
    }
}
