/// Walks the record frames of a mapped file without copying them.
struct RecordScanner {
    /// What lies at an offset.
    enum Frame {
        /// An intact record: its payload and the offset of the next frame.
        case record(UnsafeRawBufferPointer, next: Int)
        /// The end of the region: nothing left.
        case end
        /// Bytes that are not an intact record, and why.
        case damaged(String)
    }

    /// The file's bytes.
    let bytes: UnsafeRawBufferPointer
    /// Where records stop (the file's size, or where a snapshot's trailer begins).
    let end: Int
    /// Lengths above this are damage, not records.
    let maxRecordSize: Int

    /// The frame at `offset`.
    func frame(at offset: Int) -> Frame {
        let remaining = end - offset
        if remaining == 0 { return .end }
        if remaining < JournalFormat.frameHeaderSize {
            return .damaged("incomplete record header (\(remaining) of \(JournalFormat.frameHeaderSize) bytes)")
        }
        let length = bytes.loadLittleEndianUInt32(at: offset)
        if Int(length) > maxRecordSize {
            return .damaged("record length \(length) exceeds the limit of \(maxRecordSize)")
        }
        let next = offset + JournalFormat.frameHeaderSize + Int(length)
        if next > end {
            return .damaged("incomplete record (\(length) bytes announced, \(remaining - 8) present)")
        }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[(offset + JournalFormat.frameHeaderSize)..<next])
        let stored = bytes.loadLittleEndianUInt32(at: offset + 4)
        if JournalFormat.frameChecksum(length: length, payload: payload) != stored {
            return .damaged("checksum mismatch")
        }
        return .record(payload, next: next)
    }

    /// The offset of the first intact record that starts after `offset`, if any.
    ///
    /// Used after damage to tell a torn tail (nothing intact follows) from corruption in the middle (records
    /// follow). Every byte offset is tried, because a damaged length says nothing about where the next record is;
    /// a random candidate passes with probability 2^-32, and implausible lengths are rejected before any CRC.
    func firstIntactRecord(after offset: Int) -> Int? {
        var candidate = offset + 1
        while candidate + JournalFormat.frameHeaderSize <= end {
            if bytes.loadUnaligned(fromByteOffset: candidate, as: UInt64.self) == 0 {
                // Skip a run of zeros (space written ahead) to the first header that includes a nonzero byte.
                guard let nonZero = bytes.firstNonZero(from: candidate + 8) else { return nil }
                candidate = nonZero - (JournalFormat.frameHeaderSize - 1)
                continue
            }
            if case .record = frame(at: candidate) { return candidate }
            candidate += 1
        }
        return nil
    }
}
