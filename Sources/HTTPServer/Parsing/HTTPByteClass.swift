/// Byte classes of the HTTP grammar (RFC 9110 §5.6, RFC 3986 §2), as branch-only checks: no tables to
/// initialise lazily on the hot path.
enum HTTPByteClass {
    // Computed, not stored: a stored `static let` is a lazily initialised global behind an accessor call.
    @inline(__always) static var cr: UInt8 { 0x0D }
    @inline(__always) static var lf: UInt8 { 0x0A }
    @inline(__always) static var space: UInt8 { 0x20 }
    @inline(__always) static var tab: UInt8 { 0x09 }
    @inline(__always) static var colon: UInt8 { 0x3A }

    /// `tchar` (RFC 9110 §5.6.2): the characters of a token such as a method or a field name.
    @inline(__always)
    static func isTokenChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }

    /// A byte allowed inside a field value (RFC 9110 §5.5): HTAB, SP, VCHAR and obs-text.
    @inline(__always)
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    /// A visible ASCII character (VCHAR), the only bytes a request target may contain.
    @inline(__always)
    static func isVisibleASCII(_ byte: UInt8) -> Bool { byte >= 0x21 && byte <= 0x7E }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// The value of a hexadecimal digit, or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// `unreserved` or `sub-delims` (RFC 3986 §2.2–2.3): what a reg-name may hold besides percent-escapes.
    @inline(__always)
    static func isRegNameChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: true
        case 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D: true
        default: false
        }
    }

    /// Lower-cases an ASCII letter, leaving every other byte alone.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes equal `lowercaseASCII` ignoring ASCII case; `lowercaseASCII` must be lower case.
    func equalsLowercased(_ lowercaseASCII: StaticString) -> Bool {
        guard count == lowercaseASCII.utf8CodeUnitCount else { return false }
        let other = lowercaseASCII.utf8Start
        for i in 0..<count where HTTPByteClass.lowercased(self[i]) != other[i] { return false }
        return true
    }

    /// Whether the bytes are exactly `ascii`.
    func equals(_ ascii: StaticString) -> Bool {
        guard count == ascii.utf8CodeUnitCount else { return false }
        let other = ascii.utf8Start
        for i in 0..<count where self[i] != other[i] { return false }
        return true
    }

    /// The bytes without leading and trailing SP / HTAB (OWS).
    func trimmingWhitespace() -> UnsafeBufferPointer<UInt8> {
        var lower = startIndex
        var upper = endIndex
        while lower < upper, HTTPByteClass.isWhitespace(self[lower]) { lower += 1 }
        while upper > lower, HTTPByteClass.isWhitespace(self[upper - 1]) { upper -= 1 }
        return UnsafeBufferPointer(rebasing: self[lower..<upper])
    }

    /// The ASCII bytes as a String (the caller has checked they are ASCII or accepts replacement).
    func asciiString() -> String { String(decoding: self, as: UTF8.self) }

    /// Splits on `separator`, keeping empty pieces.
    func split(byte separator: UInt8) -> [UnsafeBufferPointer<UInt8>] {
        var pieces: [UnsafeBufferPointer<UInt8>] = []
        var start = startIndex
        for i in startIndex..<endIndex where self[i] == separator {
            pieces.append(UnsafeBufferPointer(rebasing: self[start..<i]))
            start = i + 1
        }
        pieces.append(UnsafeBufferPointer(rebasing: self[start..<endIndex]))
        return pieces
    }
}
