/// The term dictionary of a search index: term bytes → dense term number, an open-addressing hash table over
/// one byte arena (no `String` per term, no per-term allocation).
struct TermDictionary: Sendable {
    /// Every term's UTF-8 bytes, back to back.
    private(set) var bytes: [UInt8] = []
    /// Term `n` is `bytes[offsets[n]..<offsets[n + 1]]`.
    private(set) var offsets: [UInt32] = [0]
    /// Each term's hash, kept for growing the table.
    private(set) var hashes: [UInt32] = []
    /// Term number + 1 per slot; 0 is empty. The count is a power of two, at most half full.
    private(set) var slots: [Int32]

    /// An empty dictionary with room for `capacity` terms before it grows.
    init(capacity: Int = 128) {
        var count = 16
        while count < capacity * 2 { count *= 2 }
        slots = Array(repeating: 0, count: count)
    }

    /// How many terms there are.
    var count: Int { hashes.count }

    /// A dictionary made of the arrays of another (read back from a snapshot).
    init(bytes: [UInt8], offsets: [UInt32], hashes: [UInt32], slots: [Int32]) {
        self.bytes = bytes
        self.offsets = offsets
        self.hashes = hashes
        self.slots = slots
    }

    /// The number of `term`, if it is known.
    func find(_ term: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = TermDictionary.hash(term)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if hashes[Int(entry - 1)] == hash, equals(Int(entry - 1), term) { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// The number of `term`, if it is known.
    func find(_ term: [UInt8]) -> Int32? { term.withUnsafeBufferPointer { find($0) } }

    /// The number of `term`, adding it when it is new.
    mutating func insert(_ term: [UInt8]) -> Int32 { term.withUnsafeBufferPointer { insert($0) } }

    /// The number of `term`, if it is known.
    func find(_ term: String) -> Int32? {
        var term = term
        return term.withUTF8 { find($0) }
    }

    /// The number of `term`, adding it when it is new.
    mutating func insert(_ term: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = TermDictionary.hash(term)
        var mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if hashes[Int(entry - 1)] == hash, equals(Int(entry - 1), term) { return entry - 1 }
            slot = (slot + 1) & mask
        }
        let number = Int32(hashes.count)
        bytes.append(contentsOf: term)
        offsets.append(UInt32(bytes.count))
        hashes.append(hash)
        if hashes.count * 2 > slots.count {
            grow()
            mask = slots.count - 1
            slot = Int(hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
        }
        slots[slot] = number + 1
        return number
    }

    /// The text of term `number`.
    func term(_ number: Int32) -> String {
        String(decoding: bytes[Int(offsets[Int(number)])..<Int(offsets[Int(number) + 1])], as: UTF8.self)
    }

    /// Calls `body` with the UTF-8 bytes of term `number`.
    func withTerm<T>(_ number: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let start = Int(offsets[Int(number)])
        let end = Int(offsets[Int(number) + 1])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Bytes held (for memory reports).
    var byteCount: Int { bytes.capacity + offsets.capacity * 4 + hashes.capacity * 4 + slots.capacity * 4 }

    private func equals(_ number: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[number])
        let length = Int(offsets[number + 1]) - start
        guard length == term.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            for offset in 0..<length where stored[start + offset] != term[offset] { return false }
            return true
        }
    }

    private mutating func grow() {
        let count = slots.count * 2
        let mask = count - 1
        var grown = [Int32](repeating: 0, count: count)
        for (number, hash) in hashes.enumerated() {
            var slot = Int(hash) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(number + 1)
        }
        slots = grown
    }

    /// FNV-1a, folded to 32 bits with a final mix so that the low bits (the slot) spread well.
    private static func hash(_ term: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in term {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 29
        return UInt32(truncatingIfNeeded: hash ^ hash >> 32)
    }
}
