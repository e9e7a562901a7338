import PeaceTalksModel

/// A search index as bytes, so that a snapshot can carry it and start-up need not analyse every text again (text
/// analysis is most of loading a document). The layout is this build's arrays as they are, little-endian, behind
/// a format number (arrays in native byte order: little-endian wherever this runs); a snapshot whose index does
/// not read back is loaded by analysing its texts instead.
extension SearchIndex {
    /// The layout's version; bump it when the analyser or the index layout changes.
    private static let formatVersion: UInt32 = 1

    /// The index's bytes.
    package func serialized() -> [UInt8] {
        var writer = ByteWriter()
        writer.append(Self.formatVersion)
        writer.append(UInt32(weights.count))
        dictionary.serialize(into: &writer)
        writer.append(UInt32(postings.count))
        for list in postings { list.serialize(into: &writer) }
        writer.append(UInt32(documents.count))
        for id in documents { writer.append(string: id.rawValue) }
        writer.append(array: lengths)
        writer.append(array: live.words)
        return writer.bytes
    }

    /// Reads `serialized()` back for `kind`; `nil` when the bytes are not an index of this layout and kind.
    package init?(kind: ResourceKind, serialized bytes: UnsafeRawBufferPointer) {
        self.init(kind: kind)
        var reader = ByteReader(bytes)
        guard reader.read(UInt32.self) == Self.formatVersion, reader.read(UInt32.self) == UInt32(weights.count),
            let dictionary = TermDictionary(from: &reader), let postingCount = reader.read(UInt32.self)
        else { return nil }
        var postings: [PostingList] = []
        postings.reserveCapacity(Int(postingCount))
        for _ in 0..<postingCount {
            guard let list = PostingList(from: &reader) else { return nil }
            postings.append(list)
        }
        guard let documentCount = reader.read(UInt32.self) else { return nil }
        var documents: [ResourceID] = []
        documents.reserveCapacity(Int(documentCount))
        for _ in 0..<documentCount {
            guard let text = reader.readString(), let id = ResourceID(text) else { return nil }
            documents.append(id)
        }
        guard let lengths: [UInt32] = reader.readArray(), let words: [UInt64] = reader.readArray(), reader.isAtEnd,
            lengths.count == documents.count * weights.count, postings.count == dictionary.count
        else { return nil }
        restore(dictionary: dictionary, postings: postings, documents: documents, lengths: lengths, live: words)
    }
}

extension TermDictionary {
    fileprivate func serialize(into writer: inout ByteWriter) {
        writer.append(array: bytes)
        writer.append(array: offsets)
        writer.append(array: hashes)
        writer.append(array: slots)
    }

    fileprivate init?(from reader: inout ByteReader) {
        guard let bytes: [UInt8] = reader.readArray(), let offsets: [UInt32] = reader.readArray(),
            let hashes: [UInt32] = reader.readArray(), let slots: [Int32] = reader.readArray(),
            offsets.count == hashes.count + 1, offsets.last.map(Int.init) == bytes.count,
            slots.count.nonzeroBitCount == 1, slots.count >= hashes.count * 2
        else { return nil }
        self.init(bytes: bytes, offsets: offsets, hashes: hashes, slots: slots)
    }
}

extension PostingList {
    fileprivate func serialize(into writer: inout ByteWriter) {
        let (positions, blockOffsets) = flattened
        writer.append(array: documents)
        writer.append(array: frequencies)
        writer.append(array: positions)
        writer.append(array: blockOffsets)
        writer.append(UInt32(bitPattern: liveCount))
    }

    fileprivate init?(from reader: inout ByteReader) {
        guard let documents: [Int32] = reader.readArray(), let frequencies: [UInt32] = reader.readArray(),
            let positions: [UInt8] = reader.readArray(), let blockOffsets: [UInt32] = reader.readArray(),
            let liveCount = reader.read(UInt32.self)
        else { return nil }
        self.init(
            documents: documents, frequencies: frequencies, positions: positions, blockOffsets: blockOffsets,
            liveCount: Int32(bitPattern: liveCount))
    }
}

/// Appends fixed-width integers and arrays of them, little-endian, to a byte buffer.
private struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// The count, then the elements.
    mutating func append<T: FixedWidthInteger>(array: [T]) {
        append(UInt64(array.count))
        array.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func append(string: String) { append(array: Array(string.utf8)) }
}

/// Reads what `ByteWriter` wrote; every read returns `nil` past the end.
private struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func read<T: FixedWidthInteger>(_ type: T.Type) -> T? {
        guard bytes.count - offset >= MemoryLayout<T>.size else { return nil }
        defer { offset += MemoryLayout<T>.size }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    mutating func readArray<T: FixedWidthInteger>() -> [T]? {
        guard let count = read(UInt64.self), count <= UInt64(bytes.count - offset),
            Int(count) * MemoryLayout<T>.stride <= bytes.count - offset
        else { return nil }
        let size = Int(count) * MemoryLayout<T>.stride
        defer { offset += size }
        return [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + size)]))
            initialized = Int(count)
        }
    }

    mutating func readString() -> String? {
        let utf8: [UInt8]? = readArray()
        return utf8.flatMap { String(validating: $0, as: UTF8.self) }
    }
}
