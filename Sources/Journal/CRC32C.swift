import CSystem

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): with the CPU's CRC-32C instruction where there is one
/// (~8 bytes a cycle: start-up checksums every snapshot byte), else table-driven with slicing-by-8.
///
/// The same checksum as iSCSI, ext4 metadata and LevelDB/RocksDB logs; `checksum("123456789") == 0xE3069283`.
package enum CRC32C {
    /// Eight 256-entry tables, flattened: table `k` starts at `k * 256`. Table 0 is the classic bytewise table;
    /// table `k` advances a byte's contribution by `k` more zero bytes, so eight bytes fold in per step.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
            }
            tables[byte] = crc
        }
        for table in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(table - 1) * 256 + byte]
                tables[table * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    private static let hasInstruction = csystem_crc32c_available() != 0

    /// Returns the CRC-32C of `bytes`, continuing from `crc`, the checksum of the bytes before them (0 to start).
    package static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress else { return crc }
        if hasInstruction { return ~csystem_crc32c_update(~crc, base, bytes.count) }
        return tableChecksum(bytes, continuing: crc)
    }

    /// The table-driven CRC-32C (also what tests compare the instruction's results with).
    static func tableChecksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32) -> UInt32 {
        guard var pointer = bytes.baseAddress else { return crc }
        var remaining = bytes.count
        var state = ~crc
        tables.withUnsafeBufferPointer { table in
            while remaining >= 8 {
                let word = UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self)) ^ UInt64(state)
                state =
                    table[7 &* 256 &+ Int(truncatingIfNeeded: word & 0xFF)]
                    ^ table[6 &* 256 &+ Int(truncatingIfNeeded: (word >> 8) & 0xFF)]
                    ^ table[5 &* 256 &+ Int(truncatingIfNeeded: (word >> 16) & 0xFF)]
                    ^ table[4 &* 256 &+ Int(truncatingIfNeeded: (word >> 24) & 0xFF)]
                    ^ table[3 &* 256 &+ Int(truncatingIfNeeded: (word >> 32) & 0xFF)]
                    ^ table[2 &* 256 &+ Int(truncatingIfNeeded: (word >> 40) & 0xFF)]
                    ^ table[1 &* 256 &+ Int(truncatingIfNeeded: (word >> 48) & 0xFF)]
                    ^ table[Int(truncatingIfNeeded: word >> 56)]
                pointer += 8
                remaining -= 8
            }
            while remaining > 0 {
                let byte = UInt32(pointer.load(as: UInt8.self))
                state = table[Int(truncatingIfNeeded: (state ^ byte) & 0xFF)] ^ (state >> 8)
                pointer += 1
                remaining -= 1
            }
        }
        return ~state
    }

    /// Returns the CRC-32C of `bytes`, continuing from `crc` (0 to start).
    package static func checksum(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, continuing: crc) }
    }
}
