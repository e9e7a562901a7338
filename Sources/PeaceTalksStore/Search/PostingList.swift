/// The postings of one term, in ascending document number: the document numbers (dense `Int32`), each posting's
/// term frequency per field (8 bits per field, saturating) and its positions, delta- and varint-encoded.
///
/// A position is `field << fieldShift | offset` (token offset within the field), so positions of different
/// fields never look adjacent to a phrase. Each posting's positions are `count`, then the first position, then the
/// gaps. `blockOffsets` holds where every `blockSize`-th posting's positions start, so reading the positions of
/// posting `i` decodes at most `blockSize - 1` postings before it.
///
/// The positions are kept in chunks of `chunkSize` postings, so that an append copies at most one chunk: a common
/// term's positions run to megabytes, and a single array of them was copied whole, under the store's write lock,
/// each time it outgrew its capacity and on the first append after a snapshot had shared it (copy on write):
/// 20-27 ms stalls of every writer at 60,000 articles.
struct PostingList: Sendable {
    /// Bits of a position that hold the token offset within its field.
    static let fieldShift: UInt32 = 20
    /// Postings per block of `blockOffsets`.
    static let blockSize = 32
    /// Postings per chunk of positions (a multiple of `blockSize`).
    static let chunkSize = 256

    /// Document numbers, ascending (dead documents included until the index is compacted).
    private(set) var documents: [Int32] = []
    /// Per posting, 8 bits of term frequency per field (field 0 in the low byte).
    private(set) var frequencies: [UInt32] = []
    /// The positions of postings `c * chunkSize ..< (c + 1) * chunkSize` in `chunks[c]`. Per posting: count,
    /// first position, gaps — all LEB128 varints.
    private var chunks: [[UInt8]] = []
    /// Offset, within its chunk, of the positions of posting `(n + 1) * blockSize` (0 where a chunk starts).
    private var blockOffsets: [UInt32] = []
    /// Live documents in the list (the term's document frequency).
    var liveCount: Int32 = 0

    /// An empty list.
    init() {}

    /// Adds a posting for `document` (greater than every document already in the list), with its sorted positions.
    mutating func append(document: Int32, positions sorted: ArraySlice<UInt32>) {
        startPosting(document)
        var packed: UInt32 = 0
        for position in sorted {
            let shift = (position >> PostingList.fieldShift) * 8
            if (packed >> shift) & 0xFF != 0xFF { packed += 1 << shift }
        }
        frequencies.append(packed)
        let last = chunks.count - 1
        Self.appendVarint(UInt32(sorted.count), to: &chunks[last])
        var previous: UInt32 = 0
        for position in sorted {
            Self.appendVarint(position - previous, to: &chunks[last])
            previous = position
        }
        liveCount += 1
    }

    /// Appends posting `index` of `other` (used when compacting), whose positions are `bytes`, renumbered to
    /// `document`.
    mutating func appendPosting(
        of other: PostingList, at index: Int, positions bytes: UnsafeBufferPointer<UInt8>, as document: Int32
    ) {
        startPosting(document)
        frequencies.append(other.frequencies[index])
        chunks[chunks.count - 1].append(contentsOf: bytes)
        liveCount += 1
    }

    /// Calls `body` with each posting's index and the bytes of its positions, in order.
    func forEachPosting(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        for (number, chunk) in chunks.enumerated() {
            chunk.withUnsafeBufferPointer { bytes in
                var offset = 0
                for index in (number * Self.chunkSize)..<min(documents.count, (number + 1) * Self.chunkSize) {
                    let end = Self.skipPosting(bytes, at: offset)
                    body(index, UnsafeBufferPointer(rebasing: bytes[offset..<end]))
                    offset = end
                }
            }
        }
    }

    /// The positions of posting `index`, ascending.
    func positions(at index: Int, into result: inout [UInt32]) {
        result.removeAll(keepingCapacity: true)
        let block = index / Self.blockSize
        var offset = block == 0 ? 0 : Int(blockOffsets[block - 1])
        chunks[index / Self.chunkSize].withUnsafeBufferPointer { bytes in
            for _ in 0..<(index % Self.blockSize) { offset = Self.skipPosting(bytes, at: offset) }
            let count = Self.readVarint(bytes, at: &offset)
            var position: UInt32 = 0
            for _ in 0..<count {
                position += Self.readVarint(bytes, at: &offset)
                result.append(position)
            }
        }
    }

    /// Records `document` as the next posting, opening a new chunk or block where one starts.
    private mutating func startPosting(_ document: Int32) {
        let index = documents.count
        if index % Self.chunkSize == 0 {
            if let last = chunks.indices.last { chunks[last] = Self.trimmed(chunks[last]) }
            chunks.append([])
        }
        if index > 0, index % Self.blockSize == 0 { blockOffsets.append(UInt32(chunks[chunks.count - 1].count)) }
        documents.append(document)
    }

    /// `bytes` in an array of their size: a full chunk no longer grows, so its spare capacity would only be kept.
    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.capacity - bytes.count > bytes.count / 8 else { return bytes }
        return [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: bytes)
        }
    }

    /// The offset just past the posting whose positions start at `offset`.
    static func skipPosting(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        var offset = offset
        var remaining = readVarint(bytes, at: &offset)
        while remaining > 0 {
            if bytes[offset] < 0x80 { remaining -= 1 }
            offset += 1
        }
        return offset
    }

    /// Reads one LEB128 varint at `offset` and moves past it.
    @inline(__always)
    static func readVarint(_ bytes: UnsafeBufferPointer<UInt8>, at offset: inout Int) -> UInt32 {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let byte = bytes[offset]
            offset += 1
            value |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Bytes held (for memory reports).
    var byteCount: Int {
        documents.capacity * 4 + frequencies.capacity * 4 + chunks.reduce(chunks.capacity * 8) { $0 + $1.capacity }
            + blockOffsets.capacity * 4
    }

    private static func appendVarint(_ value: UInt32, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
}

extension PostingList {
    /// The positions as one array, and where each `blockSize`-th posting's positions start in it: the layout of
    /// a serialized list.
    var flattened: (positions: [UInt8], blockOffsets: [UInt32]) {
        var positions: [UInt8] = []
        positions.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
        var chunkStarts: [UInt32] = []
        for chunk in chunks {
            chunkStarts.append(UInt32(positions.count))
            positions += chunk
        }
        let blocksPerChunk = Self.chunkSize / Self.blockSize
        let offsets = blockOffsets.enumerated().map { block, offset in
            chunkStarts[(block + 1) / blocksPerChunk] + offset
        }
        return (positions, offsets)
    }

    /// A list made of the arrays of another, as `flattened` gives them (read back from a snapshot); nil when they
    /// do not fit together.
    init?(
        documents: [Int32], frequencies: [UInt32], positions: [UInt8], blockOffsets: [UInt32], liveCount: Int32
    ) {
        let count = documents.count
        guard frequencies.count == count, blockOffsets.count == max(0, count - 1) / Self.blockSize,
            zip(blockOffsets, blockOffsets.dropFirst()).allSatisfy({ $0 <= $1 }),
            (blockOffsets.last.map(Int.init) ?? 0) <= positions.count
        else { return nil }
        let blocksPerChunk = Self.chunkSize / Self.blockSize
        let chunkCount = (count + Self.chunkSize - 1) / Self.chunkSize
        let chunkStarts = [0] + (1..<max(1, chunkCount)).map { Int(blockOffsets[$0 * blocksPerChunk - 1]) }
        self.documents = documents
        self.frequencies = frequencies
        self.liveCount = liveCount
        chunks = (0..<chunkCount).map { chunk in
            Array(positions[chunkStarts[chunk]..<(chunk + 1 < chunkCount ? chunkStarts[chunk + 1] : positions.count)])
        }
        self.blockOffsets = blockOffsets.enumerated().map { block, offset in
            offset - UInt32(chunkStarts[(block + 1) / blocksPerChunk])
        }
    }
}
