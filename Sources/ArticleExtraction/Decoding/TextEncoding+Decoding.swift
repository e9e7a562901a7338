extension TextEncoding {
    /// `bytes` decoded (no BOM handling here), with every invalid sequence or undefined byte as U+FFFD, and how
    /// many replacements that took.
    func decode(_ bytes: ArraySlice<UInt8>) -> (text: String, replacements: Int) {
        switch self {
        case .utf8: return UTF8Validation.decode(bytes)
        case .utf16LE, .utf16BE: return decodeUTF16(bytes, littleEndian: self == .utf16LE)
        case .windows1256: return Self.decodeSingleByte(bytes, table: SingleByteTables.windows1256)
        case .iso88596: return Self.decodeSingleByte(bytes, table: SingleByteTables.iso88596)
        case .windows1252: return Self.decodeSingleByte(bytes, table: SingleByteTables.windows1252)
        }
    }

    private static func decodeSingleByte(_ bytes: ArraySlice<UInt8>, table: [UInt16]) -> (String, Int) {
        var scalars = String.UnicodeScalarView()
        var replacements = 0
        for byte in bytes {
            if byte < 0x80 {
                scalars.append(Unicode.Scalar(byte))
            } else {
                let value = table[Int(byte) - 0x80]
                if value == 0xFFFD { replacements += 1 }
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            }
        }
        return (String(scalars), replacements)
    }

    private func decodeUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> (String, Int) {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        var scalars = String.UnicodeScalarView()
        var replacements = index < bytes.endIndex ? 1 : 0  // an odd trailing byte
        var decoder = UTF16()
        var iterator = units.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .error:
                replacements += 1
                scalars.append("\u{FFFD}")
            case .emptyInput: break loop
            }
        }
        if replacements > 0, index < bytes.endIndex { scalars.append("\u{FFFD}") }
        return (String(scalars), replacements)
    }
}

/// UTF-8 validity as the WHATWG decoder sees it: each maximal invalid subpart is one error (one U+FFFD).
enum UTF8Validation {
    /// Statistics of `bytes` read as UTF-8.
    struct Statistics {
        /// Well-formed sequences of 2–4 bytes.
        var multiByteSequences = 0
        /// Invalid subparts (each becomes one U+FFFD).
        var errors = 0
        /// Bytes ≥ 0x80.
        var highBytes = 0
    }

    /// Counts the well-formed multi-byte sequences and the errors in `bytes`.
    static func statistics(_ bytes: ArraySlice<UInt8>) -> Statistics {
        var statistics = Statistics()
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let (consumed, complete) = readSequence(bytes, at: index)
            statistics.highBytes += consumed
            if complete {
                statistics.multiByteSequences += 1
            } else {
                statistics.errors += 1
            }
            index += consumed
        }
        return statistics
    }

    /// `bytes` decoded as UTF-8, each maximal invalid subpart as U+FFFD (Unicode §3.9, as WHATWG and Swift do).
    static func decode(_ bytes: ArraySlice<UInt8>) -> (text: String, replacements: Int) {
        let text = String(decoding: bytes, as: UTF8.self)
        let errors = statistics(bytes).errors
        return (text, errors)
    }

    /// Reads the sequence led by the byte ≥ 0x80 at `index`: how many bytes it covers (its valid prefix, at least
    /// 1, when it is an invalid subpart) and whether it is a complete, well-formed sequence.
    private static func readSequence(_ bytes: ArraySlice<UInt8>, at index: Int) -> (consumed: Int, complete: Bool) {
        let (length, low, high): (Int, UInt8, UInt8) =
            switch bytes[index] {
            case 0xC2...0xDF: (2, 0x80, 0xBF)
            case 0xE0: (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80, 0xBF)
            case 0xED: (3, 0x80, 0x9F)
            case 0xF0: (4, 0x90, 0xBF)
            case 0xF1...0xF3: (4, 0x80, 0xBF)
            case 0xF4: (4, 0x80, 0x8F)
            default: (1, 0, 0)
            }
        var consumed = 1
        while consumed < length, index + consumed < bytes.endIndex {
            let range: ClosedRange<UInt8> = consumed == 1 ? low...high : 0x80...0xBF
            guard range.contains(bytes[index + consumed]) else { break }
            consumed += 1
        }
        return (consumed, length > 1 && consumed == length)
    }
}
