import PeaceTalksModel
import PeaceTalksStore

/// The payload of one journal or snapshot record: a store change in a compact binary envelope around the JSON
/// the store already holds for the resource.
///
/// Layout (integers little-endian): `type (UInt8) | kind (UInt8) | version (UInt64) | body`, where
/// - `put` (1): body = the resource's stored JSON (`StoredResource.json`: id, every field, `created_at`,
///   `updated_at`, `fetched_at`), read back in `.replay` mode and kept as the stored JSON; the ETag is a hash of
///   these bytes, so replay gives the same ETag;
/// - `delete` (2): body = the id in UTF-8;
/// - `version` (3, kind 0): no body; a snapshot's store-wide version (a delete leaves no resource to carry it);
/// - `batch` (4, kind 0, version 0): body = records, each `length (UInt32) | record`: one import, all or nothing.
/// - `searchIndex` (5, version 0): body = the kind's serialized search index (`SearchIndex.serialized()`); only
///   in snapshots, before their puts of that kind, which it already indexes. An index that does not read back (a
///   build with another layout wrote it) decodes as `nil`: its puts are analysed instead.
/// Kinds: 1 participants, 2 talks, 3 articles, 4 statements.
package enum ChangeRecord: Sendable {
    case put(StoredResource)
    case delete(ResourceKey, version: UInt64)
    case version(UInt64)
    case batch([ChangeRecord])
    case searchIndex(SearchIndex?, of: ResourceKind)

    private static let headerSize = 10

    /// The first byte of a record (see the layout above).
    private enum RecordType: UInt8 {
        case put = 1, delete, version, batch, searchIndex
    }

    /// The record's bytes.
    package var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encodedSize)
        encode(into: &bytes)
        return bytes
    }

    /// The size of `encoded`, so that a record is allocated once (growing a 300 MB batch record step by step
    /// would copy it over and over).
    private var encodedSize: Int {
        switch self {
        case .put(let stored): Self.headerSize + stored.json.count
        case .delete(let key, _): Self.headerSize + key.id.rawValue.utf8.count
        case .version, .searchIndex: Self.headerSize  // an index is serialized as it is encoded
        case .batch(let records): records.reduce(Self.headerSize) { $0 + 4 + $1.encodedSize }
        }
    }

    private func encode(into bytes: inout [UInt8]) {
        switch self {
        case .put(let stored):
            Self.appendHeader(.put, stored.resource.kind.code, stored.version, to: &bytes)
            bytes += stored.json
        case .delete(let key, let version):
            Self.appendHeader(.delete, key.kind.code, version, to: &bytes)
            bytes += Array(key.id.rawValue.utf8)
        case .version(let version):
            Self.appendHeader(.version, 0, version, to: &bytes)
        case .searchIndex(let index, let kind):
            Self.appendHeader(.searchIndex, kind.code, 0, to: &bytes)
            if let index { bytes += index.serialized() }
        case .batch(let records):
            Self.appendHeader(.batch, 0, 0, to: &bytes)
            for record in records {
                let start = bytes.count
                bytes += [0, 0, 0, 0]
                record.encode(into: &bytes)
                let length = UInt32(bytes.count - start - 4)
                withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange(start..<(start + 4), with: $0) }
            }
        }
    }

    private static func appendHeader(_ type: RecordType, _ kind: UInt8, _ version: UInt64, to bytes: inout [UInt8]) {
        bytes.append(type.rawValue)
        bytes.append(kind)
        withUnsafeBytes(of: version.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Decodes a record; throws `ChangeRecordError` for bytes that are not one (a checksum-valid record that
    /// does not decode is a bug or a format mismatch, and stops start-up).
    package static func decode(_ bytes: UnsafeRawBufferPointer) throws(ChangeRecordError) -> ChangeRecord {
        guard bytes.count >= headerSize else { throw ChangeRecordError("record of \(bytes.count) bytes is too short") }
        guard let type = RecordType(rawValue: bytes[0]) else {
            throw ChangeRecordError("unknown record type \(bytes[0])")
        }
        let version = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 2, as: UInt64.self))
        let body = UnsafeRawBufferPointer(rebasing: bytes[headerSize...])
        switch type {
        case .put, .delete:
            guard let kind = ResourceKind(code: bytes[1]) else { throw ChangeRecordError("unknown kind \(bytes[1])") }
            return type == .put ? try decodePut(kind, version, body) : try decodeDelete(kind, version, body)
        case .version:
            return .version(version)
        case .searchIndex:
            guard let kind = ResourceKind(code: bytes[1]) else { throw ChangeRecordError("unknown kind \(bytes[1])") }
            return .searchIndex(SearchIndex(kind: kind, serialized: body), of: kind)
        case .batch:
            var records: [ChangeRecord] = []
            try forEachEntry(ofBatch: body) { entry throws(ChangeRecordError) in records.append(try decode(entry)) }
            return .batch(records)
        }
    }

    /// The kind of the search index `record` holds, if it is a search index record.
    package static func searchIndexKind(of record: UnsafeRawBufferPointer) -> ResourceKind? {
        kind(of: record, ifItIs: .searchIndex)
    }

    /// The kind of the resource `record` puts, if it is a put.
    package static func putKind(of record: UnsafeRawBufferPointer) -> ResourceKind? {
        kind(of: record, ifItIs: .put)
    }

    private static func kind(of record: UnsafeRawBufferPointer, ifItIs type: RecordType) -> ResourceKind? {
        record.count >= headerSize && record[0] == type.rawValue ? ResourceKind(code: record[1]) : nil
    }

    /// Calls `body` with the bytes of each change `record` holds, in order: the record itself, or each entry of a
    /// batch (so that a large import can be decoded in parallel, entry by entry).
    package static func forEachChange(
        in record: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws(ChangeRecordError) -> Void
    ) throws(ChangeRecordError) {
        guard record.count >= headerSize, record[0] == RecordType.batch.rawValue else { return try body(record) }
        let entries = UnsafeRawBufferPointer(rebasing: record[headerSize...])
        try forEachEntry(ofBatch: entries) { entry throws(ChangeRecordError) in try forEachChange(in: entry, body) }
    }

    /// Calls `body` with each `length | record` entry of a batch record's body.
    private static func forEachEntry(
        ofBatch body: UnsafeRawBufferPointer, _ visit: (UnsafeRawBufferPointer) throws(ChangeRecordError) -> Void
    ) throws(ChangeRecordError) {
        var offset = 0
        while offset < body.count {
            guard body.count - offset >= 4 else { throw ChangeRecordError("batch entry header cut short") }
            let length = Int(UInt32(littleEndian: body.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            guard length <= body.count - offset - 4 else { throw ChangeRecordError("batch entry cut short") }
            try visit(UnsafeRawBufferPointer(rebasing: body[(offset + 4)..<(offset + 4 + length)]))
            offset += 4 + length
        }
    }

    private static func decodePut(
        _ kind: ResourceKind, _ version: UInt64, _ body: UnsafeRawBufferPointer
    ) throws(ChangeRecordError) -> ChangeRecord {
        let json = Array(body)
        let value: JSONValue
        do {
            value = try JSONParser.parse(json)
        } catch {
            throw ChangeRecordError("\(kind.rawValue) record is not JSON: \(error)")
        }
        switch Resource.decode(kind, from: value, mode: .replay) {
        case .success(let resource): return .put(StoredResource(resource: resource, version: version, json: json))
        case .failure(let failure):
            let problems = failure.errors.map(\.description).joined(separator: "; ")
            throw ChangeRecordError("\(kind.rawValue) record does not decode: \(problems)")
        }
    }

    private static func decodeDelete(
        _ kind: ResourceKind, _ version: UInt64, _ body: UnsafeRawBufferPointer
    ) throws(ChangeRecordError) -> ChangeRecord {
        guard let id = ResourceID(String(decoding: body, as: UTF8.self)) else {
            throw ChangeRecordError("delete record with an invalid id")
        }
        return .delete(ResourceKey(kind, id), version: version)
    }

    /// The store changes the record stands for, in order.
    package var replayedChanges: [ReplayedChange] {
        switch self {
        case .put(let stored): [.put(stored)]
        case .delete(let key, let version): [.delete(key, version: version)]
        case .version(let version): [.version(version)]
        case .searchIndex(let index, let kind): index.map { [.searchIndex($0, of: kind)] } ?? []
        case .batch(let records): records.flatMap(\.replayedChanges)
        }
    }
}

/// A record that does not decode.
package struct ChangeRecordError: Error, CustomStringConvertible {
    /// What is wrong.
    package let description: String

    init(_ description: String) { self.description = description }
}

extension ResourceKind {
    /// The kind's byte in a record.
    var code: UInt8 {
        switch self {
        case .participants: 1
        case .talks: 2
        case .articles: 3
        case .statements: 4
        }
    }

    init?(code: UInt8) {
        switch code {
        case 1: self = .participants
        case 2: self = .talks
        case 3: self = .articles
        case 4: self = .statements
        default: return nil
        }
    }
}
