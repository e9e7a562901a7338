/// Decodes character references (`&amp;`, `&#1587;`, `&#x633;`, `&nbsp` without `;`) as HTML §13.2.5.72 does,
/// simplified: named references from `NamedCharacterReferences`, numeric ones with WHATWG's fix-ups.
enum CharacterReferences {
    /// Appends `bytes` to `output` as UTF-8 with every reference decoded. In an attribute value, a legacy name
    /// without `;` followed by `=` or an alphanumeric stays as written (`?a=1&copy=2`).
    static func decode(_ bytes: ArraySlice<UInt8>, inAttribute: Bool, into output: inout [UInt8]) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == 0x26, let (scalar, length) = reference(bytes, at: index, inAttribute: inAttribute) else {
                output.append(byte)
                index += 1
                continue
            }
            output.append(contentsOf: String(Character(scalar)).utf8)
            index += length
        }
    }

    /// `bytes` as a string, references decoded.
    static func decode(_ bytes: ArraySlice<UInt8>, inAttribute: Bool) -> String {
        guard bytes.contains(0x26) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        decode(bytes, inAttribute: inAttribute, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// The reference starting with the `&` at `start` and its length in bytes, or nil when there is none.
    private static func reference(
        _ bytes: ArraySlice<UInt8>, at start: Int, inAttribute: Bool
    ) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == 0x23 { return numeric(bytes, at: start) }
        var name: [UInt8] = []
        while index < bytes.endIndex, name.count < 32, isAlphanumeric(bytes[index]) {
            name.append(bytes[index])
            index += 1
        }
        guard !name.isEmpty else { return nil }
        let text = String(decoding: name, as: UTF8.self)
        if index < bytes.endIndex, bytes[index] == 0x3B, let value = NamedCharacterReferences.table[text] {
            return Unicode.Scalar(value).map { ($0, index + 1 - start) }
        }
        // Legacy references without `;`: the longest legacy name that prefixes what follows the `&`.
        for length in stride(from: min(name.count, 6), through: 2, by: -1) {
            let prefix = String(decoding: name[..<length], as: UTF8.self)
            guard NamedCharacterReferences.legacy.contains(prefix), let value = NamedCharacterReferences.table[prefix]
                ?? NamedCharacterReferences.table[prefix.lowercased()]
            else { continue }
            let after = start + 1 + length
            if inAttribute, after < bytes.endIndex, bytes[after] == 0x3D || isAlphanumeric(bytes[after]) { return nil }
            return Unicode.Scalar(value).map { ($0, length + 1) }
        }
        return nil
    }

    /// `&#123;` or `&#x7B;`, the `;` optional.
    private static func numeric(_ bytes: ArraySlice<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
        var index = start + 2
        let hex = index < bytes.endIndex && (bytes[index] | 0x20) == 0x78
        if hex { index += 1 }
        var value: UInt32 = 0
        var digits = 0
        while index < bytes.endIndex, let digit = digitValue(bytes[index], hex: hex) {
            value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        if index < bytes.endIndex, bytes[index] == 0x3B { index += 1 }
        return (scalar(forCodePoint: value), index - start)
    }

    /// WHATWG's numeric fix-ups: 0, surrogates and values past U+10FFFF become U+FFFD; 0x80–0x9F are read as
    /// windows-1252.
    private static func scalar(forCodePoint value: UInt32) -> Unicode.Scalar {
        if (0x80...0x9F).contains(value) {
            return Unicode.Scalar(SingleByteTables.windows1252[Int(value) - 0x80]) ?? "\u{FFFD}"
        }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x61...0x66 where hex: UInt32(byte - 0x61 + 10)
        case 0x41...0x46 where hex: UInt32(byte - 0x41 + 10)
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool { byte.isASCIILetter || (0x30...0x39).contains(byte) }
}
