/// The postings of one term, in ascending document number: the document numbers (dense `Int32`), each posting's
/// term frequency per field (8 bits per field, saturating) and its positions, delta- and varint-encoded.
///
/// A position is `field << fieldShift | offset` (token offset within the field), so positions of different
/// fields never look adjacent to a phrase. Each posting's positions are `count`, then the first position, then the
/// gaps. `blockOffsets` holds where every `blockSize`-th posting's positions start, so reading the positions of
/// posting `i` decodes at most `blockSize - 1` postings before it.
struct PostingList: Sendable {
    /// Bits of a position that hold the token offset within its field.
    static let fieldShift: UInt32 = 20
    /// Postings per block of `blockOffsets`.
    static let blockSize = 32

    /// Document numbers, ascending (dead documents included until the index is compacted).
    private(set) var documents: [Int32] = []
    /// Per posting, 8 bits of term frequency per field (field 0 in the low byte).
    private(set) var frequencies: [UInt32] = []
    /// Per posting: count, first position, gaps — all LEB128 varints.
    private(set) var positions: [UInt8] = []
    /// `positions` offset of posting `(n + 1) * blockSize`.
    private(set) var blockOffsets: [UInt32] = []
    /// Live documents in the list (the term's document frequency).
    var liveCount: Int32 = 0

    /// An empty list.
    init() {}

    /// A list made of the arrays of another (read back from a snapshot).
    init(documents: [Int32], frequencies: [UInt32], positions: [UInt8], blockOffsets: [UInt32], liveCount: Int32) {
        self.documents = documents
        self.frequencies = frequencies
        self.positions = positions
        self.blockOffsets = blockOffsets
        self.liveCount = liveCount
    }

    /// Adds a posting for `document` (greater than every document already in the list), with its sorted positions.
    mutating func append(document: Int32, positions sorted: ArraySlice<UInt32>) {
        if !documents.isEmpty, documents.count % PostingList.blockSize == 0 {
            blockOffsets.append(UInt32(positions.count))
        }
        documents.append(document)
        var packed: UInt32 = 0
        for position in sorted {
            let shift = (position >> PostingList.fieldShift) * 8
            if (packed >> shift) & 0xFF != 0xFF { packed += 1 << shift }
        }
        frequencies.append(packed)
        appendVarint(UInt32(sorted.count))
        var previous: UInt32 = 0
        for position in sorted {
            appendVarint(position - previous)
            previous = position
        }
        liveCount += 1
    }

    /// Appends posting `index` of `other` (used when compacting), renumbered to `document`.
    mutating func appendPosting(of other: PostingList, at index: Int, byteRange: Range<Int>, as document: Int32) {
        if !documents.isEmpty, documents.count % PostingList.blockSize == 0 {
            blockOffsets.append(UInt32(positions.count))
        }
        documents.append(document)
        frequencies.append(other.frequencies[index])
        positions.append(contentsOf: other.positions[byteRange])
        liveCount += 1
    }

    /// The byte offset of posting `index`'s positions.
    func positionsOffset(of index: Int) -> Int {
        let block = index / PostingList.blockSize
        var offset = block == 0 ? 0 : Int(blockOffsets[block - 1])
        positions.withUnsafeBufferPointer { bytes in
            for _ in 0..<(index % PostingList.blockSize) { offset = PostingList.skipPosting(bytes, at: offset) }
        }
        return offset
    }

    /// The positions of posting `index`, ascending.
    func positions(at index: Int, into result: inout [UInt32]) {
        result.removeAll(keepingCapacity: true)
        var offset = positionsOffset(of: index)
        positions.withUnsafeBufferPointer { bytes in
            let count = PostingList.readVarint(bytes, at: &offset)
            var position: UInt32 = 0
            for _ in 0..<count {
                position += PostingList.readVarint(bytes, at: &offset)
                result.append(position)
            }
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
        documents.capacity * 4 + frequencies.capacity * 4 + positions.capacity + blockOffsets.capacity * 4
    }

    private mutating func appendVarint(_ value: UInt32) {
        var value = value
        while value >= 0x80 {
            positions.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        positions.append(UInt8(value))
    }
}
