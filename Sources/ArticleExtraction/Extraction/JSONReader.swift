/// A JSON value, as much as JSON-LD metadata needs.
indirect enum JSONLDValue {
    case object([(String, JSONLDValue)])
    case array([JSONLDValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// The member `key` of an object.
    subscript(key: String) -> JSONLDValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The string, or nil.
    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The elements of an array, or the value itself.
    var elements: [JSONLDValue] {
        if case .array(let values) = self { return values }
        return [self]
    }
}

/// A small, strict JSON reader (RFC 8259) for `<script type="application/ld+json">` blocks, with a depth limit.
/// Returns nil for anything that is not exactly one JSON value.
enum JSONReader {
    private static let maxDepth = 64

    /// The value `text` holds, or nil.
    static func parse(_ text: String) -> JSONLDValue? {
        var reader = Reader(bytes: Array(text.utf8))
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipWhitespace()
        return reader.index == reader.bytes.count ? value : nil
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) -> JSONLDValue? {
            skipWhitespace()
            guard index < bytes.count, depth < JSONReader.maxDepth else { return nil }
            switch bytes[index] {
            case 0x7B: return object(depth: depth)
            case 0x5B: return array(depth: depth)
            case 0x22: return string().map(JSONLDValue.string)
            case 0x74: return literal("true", .bool(true))
            case 0x66: return literal("false", .bool(false))
            case 0x6E: return literal("null", .null)
            default: return number()
            }
        }

        private mutating func object(depth: Int) -> JSONLDValue? {
            index += 1
            var members: [(String, JSONLDValue)] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == 0x7D {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == 0x22, let key = string() else { return nil }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == 0x3A else { return nil }
                index += 1
                guard let value = value(depth: depth + 1) else { return nil }
                members.append((key, value))
                skipWhitespace()
                guard index < bytes.count else { return nil }
                index += 1
                if bytes[index - 1] == 0x7D { return .object(members) }
                guard bytes[index - 1] == 0x2C else { return nil }
            }
        }

        private mutating func array(depth: Int) -> JSONLDValue? {
            index += 1
            var values: [JSONLDValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == 0x5D {
                index += 1
                return .array(values)
            }
            while true {
                guard let value = value(depth: depth + 1) else { return nil }
                values.append(value)
                skipWhitespace()
                guard index < bytes.count else { return nil }
                index += 1
                if bytes[index - 1] == 0x5D { return .array(values) }
                guard bytes[index - 1] == 0x2C else { return nil }
            }
        }

        private mutating func string() -> String? {
            index += 1
            var output: [UInt8] = []
            var pendingHighSurrogate: UInt32?
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == 0x22 { return String(decoding: output, as: UTF8.self) }
                guard byte == 0x5C else {
                    output.append(byte)
                    continue
                }
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                let simple: [UInt8: UInt8] = [
                    0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09,
                ]
                if let replacement = simple[escape] {
                    output.append(replacement)
                    continue
                }
                guard escape == 0x75, index + 4 <= bytes.count,
                    let unit = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                else { return nil }
                index += 4
                var scalar: Unicode.Scalar?
                if (0xD800...0xDBFF).contains(unit) {
                    pendingHighSurrogate = unit
                    continue
                } else if (0xDC00...0xDFFF).contains(unit), let high = pendingHighSurrogate {
                    scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00))
                } else {
                    scalar = Unicode.Scalar(unit)
                }
                pendingHighSurrogate = nil
                output.append(contentsOf: String(Character(scalar ?? "\u{FFFD}")).utf8)
            }
            return nil
        }

        private mutating func literal(_ text: String, _ value: JSONLDValue) -> JSONLDValue? {
            let expected = Array(text.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected
            else { return nil }
            index += expected.count
            return value
        }

        private mutating func number() -> JSONLDValue? {
            let start = index
            let numberBytes: Set<UInt8> = [0x2D, 0x2B, 0x2E, 0x65, 0x45]
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) || numberBytes.contains(bytes[index]) {
                index += 1
            }
            return Double(String(decoding: bytes[start..<index], as: UTF8.self)).map(JSONLDValue.number)
        }
    }
}
