import Testing

@testable import PeaceTalksStore

@Suite struct ContentHashTests {
    @Test func everyByteAndTheLengthCount() {
        let base = (0..<37).map { UInt8($0 * 7 % 256) }
        let hash = ContentHash.hex(of: base)
        #expect(ContentHash.hex(of: base) == hash, "stable")
        var seen: Set<String> = [hash]
        for offset in base.indices {
            var changed = base
            changed[offset] ^= 1
            seen.insert(ContentHash.hex(of: changed))
        }
        #expect(seen.count == base.count + 1, "a one-bit change anywhere, in words or the tail, changes the hash")
        let zeros = (0..<20).map { ContentHash.hex(of: [UInt8](repeating: 0, count: $0)) }
        #expect(Set(zeros).count == zeros.count, "runs of zeros of different lengths differ")
    }
}
