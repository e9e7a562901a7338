import PeaceTalksModel
import PeaceTalksStore

/// The backup format of `peacetalks export` and `import`: NDJSON, one resource per line,
/// `{"kind":"participants","resource":{…}}`, the resource in its stored form (id, every field, `created_at`,
/// `updated_at`, `fetched_at`) exactly as the API serves it, so that its ETag is kept.
///
/// Order: participants (each after the participant it is affiliated to), talks, articles, statements, each kind
/// by id; re-exporting an imported file gives the same bytes.
package enum NDJSONExport {
    /// The line of one resource, newline included.
    package static func line(_ stored: StoredResource) -> [UInt8] {
        var bytes = Array(#"{"kind":""#.utf8)
        bytes.reserveCapacity(stored.json.count + 48)
        bytes += Array(stored.resource.kind.rawValue.utf8)
        bytes += Array(#"","resource":"#.utf8)
        bytes += stored.json
        bytes += Array("}\n".utf8)
        return bytes
    }

    /// Writes every resource of `store` as lines to `write`, in chunks of about 1 MiB; returns the count.
    @discardableResult
    package static func export(_ store: InMemoryStore, to write: ([UInt8]) throws -> Void) throws -> Int {
        let contents = try store.contents
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20 + 64 << 10)
        for stored in contents.resources {
            chunk += line(stored)
            if chunk.count >= 1 << 20 {
                try write(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { try write(chunk) }
        return contents.resources.count
    }
}
