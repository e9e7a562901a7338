import HTTPServer
import Synchronization

/// Finished representations of read-only requests (list pages), kept for one store generation.
///
/// A list page costs a query, a cursor and the assembly of ~20 KB; the same page asked again while the data is
/// unchanged is served from here. Every entry belongs to the generation it was computed at: once the store's
/// generation moves on (any write), every entry is dropped, so a write can never leave a stale page behind.
/// Bounded by entry count and bytes, least recently used out first.
final class ResponseCache: Sendable {
    /// What selects a representation: the raw request target and whether `Accept` asked for CSV.
    struct Key: Hashable, Sendable {
        var target: String
        var acceptsCSV: Bool
    }

    private struct Entry {
        var representation: Representation
        var lastUse: UInt64
    }

    private struct State {
        var generation: UInt64 = 0
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    /// At most this many entries.
    let maxEntries: Int
    /// At most this many body bytes in all; a larger representation is not kept.
    let maxBytes: Int
    private let state = Mutex(State())

    /// An empty cache holding up to `maxEntries` representations and `maxBytes` body bytes.
    init(maxEntries: Int = 256, maxBytes: Int = 32 << 20) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    /// The representation cached for `key` at `generation`, if any.
    func representation(for key: Key, generation: UInt64) -> Representation? {
        state.withLock { state in
            guard state.generation == generation, var entry = state.entries[key] else { return nil }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[key] = entry
            return entry.representation
        }
    }

    /// Keeps `representation` for `key`, computed from the data at `generation` (read before computing it, so
    /// that it can only be older than the data, never newer); entries of older generations are dropped.
    func insert(_ representation: Representation, for key: Key, generation: UInt64) {
        let size = representation.body.count
        guard size <= maxBytes else { return }
        state.withLock { state in
            if generation != state.generation {
                // A representation of an older generation than the cache's is already stale.
                guard generation > state.generation else { return }
                state = State(generation: generation, clock: state.clock)
            }
            if let old = state.entries[key] { state.bytes -= old.representation.body.count }
            state.clock += 1
            state.entries[key] = Entry(representation: representation, lastUse: state.clock)
            state.bytes += size
            while state.entries.count > maxEntries || state.bytes > maxBytes {
                guard let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) else { break }
                state.entries[oldest.key] = nil
                state.bytes -= oldest.value.representation.body.count
            }
        }
    }

    /// How many representations are kept (for tests).
    var count: Int { state.withLock { $0.entries.count } }

    /// Whether `Accept` asks for CSV, as `ListRequest` decides it. Exact, and cheap for the usual `*/*` or
    /// `application/json`: `acceptsExplicitly` can only be true when some value spells "csv".
    private static func acceptsCSV(_ request: HTTPRequest) -> Bool {
        let mentionsCSV = request.headers.fields.contains { field in
            field.name.equalsIgnoringASCIICase(HTTPHeaders.accept) && containsCSV(field.value)
        }
        return mentionsCSV && request.headers.values(for: HTTPHeaders.accept).acceptsExplicitly(MediaType.csv)
    }

    /// Whether `text` holds "csv" in any letter case.
    private static func containsCSV(_ text: String) -> Bool {
        var matched = 0
        for byte in text.utf8 {
            let lower = byte | 0x20
            if lower == csv[matched] {
                matched += 1
                if matched == csv.count { return true }
            } else {
                matched = lower == csv[0] ? 1 : 0
            }
        }
        return false
    }

    private static let csv = Array("csv".utf8)

    /// The cached representation of `request` when `store`'s data is unchanged, else `make()`'s, kept for next time.
    func representation(
        of request: HTTPRequest, generation: UInt64?, make: () throws -> Representation
    ) rethrows -> Representation {
        guard let generation else { return try make() }
        let key = Key(target: request.target, acceptsCSV: Self.acceptsCSV(request))
        if let cached = representation(for: key, generation: generation) { return cached }
        let made = try make()
        insert(made, for: key, generation: generation)
        return made
    }
}
