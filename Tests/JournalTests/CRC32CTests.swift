import Testing

@testable import Journal

@Suite struct CRC32CTests {
    @Test func knownVectors_Match() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([]) == 0)
        // RFC 3720 (iSCSI) appendix B.4.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x2262_0404)
    }

    @Test func continuedChecksum_EqualsOneShot_AtEverySplitAndAlignment() {
        let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) }
        let whole = CRC32C.checksum(bytes)
        for split in 0...bytes.count {
            let first = CRC32C.checksum(Array(bytes[..<split]))
            #expect(CRC32C.checksum(Array(bytes[split...]), continuing: first) == whole)
        }
        // Unaligned starts go through the same 8-byte path as aligned ones.
        bytes.withUnsafeBytes { raw in
            for start in 0..<8 {
                let slice = UnsafeRawBufferPointer(rebasing: raw[start...])
                #expect(CRC32C.checksum(slice) == CRC32C.checksum(Array(bytes[start...])))
            }
        }
    }

    @Test func instructionAndTable_Agree_OnEveryLengthAndAlignment() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        bytes.withUnsafeBytes { raw in
            for start in 0..<9 {
                for end in stride(from: start, through: raw.count, by: 7) {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                    let table = CRC32C.tableChecksum(slice, continuing: 0x1234)
                    #expect(CRC32C.checksum(slice, continuing: 0x1234) == table)
                }
            }
        }
    }
}
