import Glibc

/// The on-disk layout shared by journal and snapshot files.
///
/// Every file starts with a 24-byte header: an 8-byte magic (`PTJOURNL` or `PTSNAPSH`), the format version
/// (UInt32 LE, 1), the file's generation (UInt64 LE, also in its name) and a CRC-32C (UInt32 LE) of those 20 bytes.
/// Records follow, each `length (UInt32 LE) | CRC-32C (UInt32 LE) | payload`, where the CRC covers the four
/// length bytes and then the payload, so that a run of zeros (a block the crash left unwritten) never checks.
/// A snapshot ends with a 24-byte trailer: `PTSNAPND`, the record count (UInt64 LE), a CRC-32C of those 16 bytes
/// and 4 zero bytes; a snapshot without it is incomplete.
enum JournalFormat {
    /// The two kinds of file.
    enum Kind {
        case journal, snapshot

        /// The first eight bytes of a file of this kind.
        var magic: [UInt8] {
            switch self {
            case .journal: Array("PTJOURNL".utf8)
            case .snapshot: Array("PTSNAPSH".utf8)
            }
        }
    }

    static let version: UInt32 = 1
    static let headerSize = 24
    static let frameHeaderSize = 8
    static let trailerSize = 24
    private static let trailerMagic = Array("PTSNAPND".utf8)

    /// The header of a `kind` file of `generation`.
    static func header(_ kind: Kind, generation: UInt64) -> [UInt8] {
        var bytes = kind.magic
        appendLittleEndian(version, to: &bytes)
        appendLittleEndian(generation, to: &bytes)
        appendLittleEndian(CRC32C.checksum(bytes), to: &bytes)
        return bytes
    }

    /// Whether `bytes` begins with a valid header of a `kind` file of `generation`.
    static func hasValidHeader(_ bytes: UnsafeRawBufferPointer, _ kind: Kind, generation: UInt64) -> Bool {
        guard bytes.count >= headerSize else { return false }
        let expected = header(kind, generation: generation)
        return expected.withUnsafeBytes { $0.elementsEqual(bytes.prefix(headerSize)) }
    }

    /// The trailer that closes a snapshot of `recordCount` records.
    static func trailer(recordCount: UInt64) -> [UInt8] {
        var bytes = trailerMagic
        appendLittleEndian(recordCount, to: &bytes)
        appendLittleEndian(CRC32C.checksum(bytes), to: &bytes)
        appendLittleEndian(UInt32(0), to: &bytes)
        return bytes
    }

    /// The record count of the snapshot trailer at the end of `bytes`, or nil if there is no valid trailer.
    static func trailerRecordCount(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard bytes.count >= headerSize + trailerSize else { return nil }
        let start = bytes.count - trailerSize
        let count = bytes.loadLittleEndianUInt64(at: start + trailerMagic.count)
        let expected = trailer(recordCount: count)
        return expected.withUnsafeBytes { $0.elementsEqual(bytes[start...]) } ? count : nil
    }

    /// Appends the frame of `payload` (length, CRC, payload) to `buffer`.
    static func appendFrame(_ payload: [UInt8], to buffer: inout [UInt8]) {
        let length = UInt32(payload.count)
        buffer.reserveCapacity(buffer.count + frameHeaderSize + payload.count)
        appendLittleEndian(length, to: &buffer)
        appendLittleEndian(frameChecksum(length: length, payload: payload), to: &buffer)
        buffer.append(contentsOf: payload)
    }

    /// The CRC stored in a frame: over the length's four bytes, then the payload.
    static func frameChecksum(length: UInt32, payload: [UInt8]) -> UInt32 {
        payload.withUnsafeBytes { frameChecksum(length: length, payload: $0) }
    }

    /// The CRC stored in a frame: over the length's four bytes, then the payload.
    static func frameChecksum(length: UInt32, payload: UnsafeRawBufferPointer) -> UInt32 {
        withUnsafeBytes(of: length.littleEndian) { CRC32C.checksum(payload, continuing: CRC32C.checksum($0)) }
    }

    /// Appends `value` in little-endian byte order.
    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// The file name of the journal of `generation`: `journal-` and 16 hex digits, so names sort by generation.
    static func journalName(_ generation: UInt64) -> String { "journal-\(hex(generation)).log" }

    /// The file name of the snapshot that holds everything before journal `generation`.
    static func snapshotName(_ generation: UInt64) -> String { "snapshot-\(hex(generation)).dat" }

    /// A MiB of zeros, aligned for direct I/O: written as the space ahead of the records, and compared against at
    /// replay to recognise it. Allocated once and never freed (`unsafe`: never written after it is made).
    nonisolated(unsafe) static let zeros: UnsafeRawBufferPointer = {
        let zeros = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: DirectAppender.blockSize)
        zeros.initializeMemory(as: UInt8.self, repeating: 0)
        return UnsafeRawBufferPointer(zeros)
    }()

    /// The suffix of files being written, deleted on sight at start-up.
    static let temporarySuffix = ".tmp"

    /// The kind and generation named by a file name, or nil for any other file.
    static func parseName(_ name: String) -> (Kind, UInt64)? {
        for (kind, prefix, suffix) in [(Kind.journal, "journal-", ".log"), (.snapshot, "snapshot-", ".dat")]
        where name.hasPrefix(prefix) && name.hasSuffix(suffix) && name.count == prefix.count + 16 + suffix.count {
            guard let generation = UInt64(name.dropFirst(prefix.count).prefix(16), radix: 16) else { return nil }
            return (kind, generation)
        }
        return nil
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension UnsafeRawBufferPointer {
    /// The offset of the first nonzero byte at or after `offset`, or nil if only zeros follow: space written
    /// ahead, not a record (a record's checksum covers its length, so no frame header is all zeros).
    func firstNonZero(from offset: Int) -> Int? {
        guard let base = baseAddress else { return nil }
        let zeros = JournalFormat.zeros
        var position = offset
        while position < count {
            let length = Swift.min(zeros.count, count - position)
            if memcmp(base + position, zeros.baseAddress!, length) != 0 {
                return self[position..<(position + length)].firstIndex { $0 != 0 }
            }
            position += length
        }
        return nil
    }

    /// The little-endian UInt32 at `offset` (which must leave four bytes).
    func loadLittleEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// The little-endian UInt64 at `offset` (which must leave eight bytes).
    func loadLittleEndianUInt64(at offset: Int) -> UInt64 {
        UInt64(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
