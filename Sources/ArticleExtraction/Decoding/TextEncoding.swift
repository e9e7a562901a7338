/// The character encodings a fetched page may be decoded from (WHATWG Encoding Standard names and labels).
package enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1256 = "windows-1256"
    case iso88596 = "iso-8859-6"
    /// Also what the `iso-8859-1`, `latin1` and `us-ascii` labels mean (WHATWG).
    case windows1252 = "windows-1252"

    /// The lower-case canonical name, as reported in a fetch response (`windows-1256`, `utf-8`).
    package var name: String { rawValue }

    /// The encoding a label names (ASCII case-insensitive, surrounding whitespace ignored), or nil for a label we
    /// do not know or do not decode (`shift_jis`, `x-user-defined`…).
    package init?(label: some StringProtocol) {
        let key = label.trimmingHTMLWhitespace().lowercased()
        guard let encoding = Self.labels[key] else { return nil }
        self = encoding
    }

    /// The WHATWG labels of the encodings above.
    private static let labels: [String: TextEncoding] = {
        var table: [String: TextEncoding] = [:]
        let groups: [(TextEncoding, [String])] = [
            (.utf8, ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]),
            (.utf16LE, ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"]),
            (.utf16BE, ["unicodefffe", "utf-16be"]),
            (.windows1256, ["cp1256", "windows-1256", "x-cp1256"]),
            (
                .iso88596,
                [
                    "arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114", "iso-8859-6",
                    "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6",
                    "iso_8859-6:1987",
                ]
            ),
            (
                .windows1252,
                [
                    "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
                    "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii",
                    "windows-1252", "x-cp1252",
                ]
            ),
        ]
        for (encoding, names) in groups {
            for name in names { table[name] = encoding }
        }
        return table
    }()
}

extension StringProtocol {
    /// Without leading and trailing ASCII whitespace (HTML's space characters: space, tab, LF, FF, CR).
    func trimmingHTMLWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isHTMLWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isHTMLWhitespace })!
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[first...last])
        return String(result)
    }
}

extension Unicode.Scalar {
    /// HTML's ASCII whitespace: space, tab, LF, FF, CR.
    var isHTMLWhitespace: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0C, 0x0D: true
        default: false
        }
    }
}

extension UInt8 {
    /// HTML's ASCII whitespace: space, tab, LF, FF, CR.
    var isHTMLWhitespace: Bool {
        switch self {
        case 0x20, 0x09, 0x0A, 0x0C, 0x0D: true
        default: false
        }
    }

    /// An ASCII letter.
    var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }

    /// The ASCII lower-case form of a letter; other bytes unchanged.
    var asciiLowercased: UInt8 { (self >= 0x41 && self <= 0x5A) ? self | 0x20 : self }
}
