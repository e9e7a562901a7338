import Foundation

/// Where the encoding used came from.
package enum EncodingSource: String, Sendable {
    /// A UTF-8 or UTF-16 byte order mark.
    case byteOrderMark = "bom"
    /// The `charset` parameter of the `Content-Type` header.
    case contentType = "content-type"
    /// A `<meta>` element in the first 1024 bytes.
    case meta
    /// Byte statistics (nothing declared, or the declaration was overruled).
    case detection
}

/// A page's bytes as text.
package struct DecodedPage: Sendable, Equatable {
    /// The text, NFC-normalised, without the byte order mark.
    package var text: String
    /// The encoding used.
    package var encoding: TextEncoding
    /// Where `encoding` came from.
    package var source: EncodingSource
}

/// Decodes an HTML page in the WHATWG order: BOM, the `Content-Type` charset, the `<meta>` prescan, then
/// detection.
///
/// One departure, for pages that lie: a declared UTF-8 or windows-1252 is overruled when decoding with it goes
/// visibly wrong and detection is confident of something else — UTF-8 that yields U+FFFD for at least 10 % of
/// the non-ASCII bytes, or windows-1252 for bytes that are valid UTF-8 or read confidently as Arabic. (Browsers
/// obey the declaration; an importer would rather store readable text.) A declared Arabic encoding is obeyed.
package enum CharsetDecoder {
    /// `bytes` decoded; `contentType` is the response's `Content-Type` value, if any.
    package static func decode(_ bytes: [UInt8], contentType: String?) -> DecodedPage {
        let all = bytes[...]
        if let (encoding, length) = byteOrderMark(all) {
            return page(encoding.decode(all.dropFirst(length)).text, encoding, .byteOrderMark)
        }
        let declared: (TextEncoding, EncodingSource)? =
            if let label = contentType.flatMap(MetaPrescan.charsetLabel(inContent:)),
                let encoding = TextEncoding(label: label)
            {
                (encoding, .contentType)
            } else if let encoding = MetaPrescan.encoding(in: all) {
                (encoding, .meta)
            } else {
                nil
            }
        guard let (encoding, source) = declared else {
            let guess = EncodingDetector.guess(all)
            return page(guess.encoding.decode(all).text, guess.encoding, .detection)
        }
        let decoded = encoding.decode(all)
        if isSuspect(encoding, replacements: decoded.replacements, bytes: all) {
            let guess = EncodingDetector.guess(all)
            if guess.isConfident, guess.encoding != encoding {
                return page(guess.encoding.decode(all).text, guess.encoding, .detection)
            }
        }
        return page(decoded.text, encoding, source)
    }

    /// Whether decoding with a declared `encoding` may have gone wrong, so that a confident guess may overrule it.
    private static func isSuspect(_ encoding: TextEncoding, replacements: Int, bytes: ArraySlice<UInt8>) -> Bool {
        switch encoding {
        case .utf8:
            let highBytes = bytes.lazy.filter { $0 >= 0x80 }.count
            return replacements > 0 && replacements * 10 >= highBytes
        case .windows1252:
            return true
        case .utf16LE, .utf16BE, .windows1256, .iso88596:
            return false
        }
    }

    /// The encoding a byte order mark at the start names, and the mark's length.
    private static func byteOrderMark(_ bytes: ArraySlice<UInt8>) -> (TextEncoding, Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        return nil
    }

    private static func page(_ text: String, _ encoding: TextEncoding, _ source: EncodingSource) -> DecodedPage {
        DecodedPage(text: text.precomposedStringWithCanonicalMapping, encoding: encoding, source: source)
    }
}
