/// A growable set of small non-negative integers (document numbers), one bit each.
struct Bitset: Sendable {
    private(set) var words: [UInt64] = []

    /// An empty set able to hold `0..<capacity` without growing.
    init(capacity: Int = 0) { words = [UInt64](repeating: 0, count: (capacity + 63) / 64) }

    /// The set whose bits are `words`.
    init(words: [UInt64]) { self.words = words }

    /// Whether `value` is in the set.
    @inline(__always)
    func contains(_ value: Int32) -> Bool {
        let word = Int(value) >> 6
        return word < words.count && words[word] & (1 << UInt64(value & 63)) != 0
    }

    /// Adds `value`.
    mutating func insert(_ value: Int32) {
        let word = Int(value) >> 6
        if word >= words.count { words += [UInt64](repeating: 0, count: word + 1 - words.count) }
        words[word] |= 1 << UInt64(value & 63)
    }

    /// Removes `value`.
    mutating func remove(_ value: Int32) {
        let word = Int(value) >> 6
        if word < words.count { words[word] &= ~(1 << UInt64(value & 63)) }
    }
}
