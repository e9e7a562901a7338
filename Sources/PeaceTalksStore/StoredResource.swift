import PeaceTalksModel

/// A resource as the store holds it: the value, its version, its strong ETag and its JSON, encoded once per change.
package final class StoredResource: Sendable {
    /// The resource.
    package let resource: Resource
    /// The store-wide change sequence number of the write that produced this state.
    package let version: UInt64
    /// The strong ETag, quoted (`"…"`); changes whenever the resource does.
    package let etag: String
    /// The compact JSON of the resource.
    package let json: [UInt8]
    /// The compact JSON of the resource as a list item: for articles `excerpt` instead of `body`, else `json`.
    package let listItemJSON: [UInt8]

    /// Encodes `resource` once.
    package convenience init(resource: Resource, version: UInt64) {
        self.init(resource: resource, version: version, json: resource.jsonValue.encoded().trimmed())
    }

    /// `resource` with the JSON it was stored with (what `init(resource:version:)` encoded; read back from a
    /// journal, it need not be encoded again). An article's body is then kept only inside `json`.
    package init(resource: Resource, version: UInt64, json: [UInt8]) {
        self.version = version
        self.json = json
        if case .article(var article) = resource {
            listItemJSON =
                article.listItemJSON(from: json) ?? article.jsonValue(excerptInsteadOfBody: true).encoded().trimmed()
            article.keepBody(in: json)
            self.resource = .article(article)
        } else {
            self.resource = resource
            listItemJSON = json
        }
        etag = "\"" + ContentHash.hex(of: json) + "\""
    }

    private init(resource: Resource, version: UInt64, etag: String, json: [UInt8], listItemJSON: [UInt8]) {
        self.resource = resource
        self.version = version
        self.etag = etag
        self.json = json
        self.listItemJSON = listItemJSON
    }

    /// The same resource and encodings with another version (a write encodes before its version is known).
    func withVersion(_ version: UInt64) -> StoredResource {
        StoredResource(resource: resource, version: version, etag: etag, json: json, listItemJSON: listItemJSON)
    }

    /// The kind and id.
    package var key: ResourceKey { resource.key }

    /// The JSON of the resource, pretty-printed on request (re-encoded; compact is cached).
    package func json(pretty: Bool) -> [UInt8] { pretty ? resource.jsonValue.encoded(pretty: true) : json }
}

extension [UInt8] {
    /// The bytes in a buffer of their own size: cached JSON lives as long as its resource, and a writer's buffer,
    /// grown by doubling, can be nearly half spare capacity.
    fileprivate func trimmed() -> [UInt8] {
        guard capacity - count > 64 else { return self }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: self)
        }
    }
}

/// Content hashing for ETags and cursors: stable across runs and processes (unlike `Hasher`).
package enum ContentHash {
    /// The FNV-1a 64 hash of `bytes`, continuing from `seed`.
    package static func fnv1a<Bytes: Sequence>(_ bytes: Bytes, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64
    where Bytes.Element == UInt8 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The content hash of `bytes` as 16 lowercase hex digits: ETags of JSON bodies.
    package static func hex(of bytes: [UInt8]) -> String { hex(bytes.withUnsafeBytes(wordHash)) }

    /// A 64-bit hash taking eight bytes a step (FNV-1a, a byte a step, took a tenth of loading a 3 KB article):
    /// each little-endian word is multiplied and rotated into the state, the tail bytes likewise, and a final
    /// avalanche (SplitMix64's) spreads every input bit over the result. Not for adversarial keys.
    package static func wordHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let mixed = hash ^ (word &* 0xBF58_476D_1CE4_E5B9)
            hash = (mixed << 27 | mixed >> 37) &* 0x94D0_49BB_1331_11EB
            offset += 8
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(bytes[offset])) &* 0x0000_0100_0000_01B3
            offset += 1
        }
        hash = (hash ^ hash >> 30) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ hash >> 27) &* 0x94D0_49BB_1331_11EB
        return hash ^ hash >> 31
    }

    /// `value` as 16 lowercase hex digits.
    package static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
