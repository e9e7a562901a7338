/// The WHATWG "prescan a byte stream to determine its encoding" algorithm (HTML §13.2.3.2), over the first
/// 1024 bytes: comments and other markup are skipped, and the first `<meta charset>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">` naming an encoding we know wins.
enum MetaPrescan {
    /// How many bytes the prescan looks at.
    static let limit = 1024

    /// The encoding the page's `<meta>` declares, if any. UTF-16 labels mean UTF-8 here (a page that could be
    /// prescanned as ASCII is not UTF-16).
    static func encoding(in bytes: ArraySlice<UInt8>) -> TextEncoding? {
        var scanner = ByteScanner(bytes.prefix(limit))
        while !scanner.isAtEnd {
            if scanner.skip("<!--") {
                scanner.skip(past: "-->")
            } else if scanner.matches("<meta"), scanner.byte(at: 5).map({ $0.isHTMLWhitespace || $0 == 0x2F }) == true {
                scanner.advance(5)
                if let encoding = metaEncoding(&scanner) {
                    return encoding == .utf16LE || encoding == .utf16BE ? .utf8 : encoding
                }
            } else if scanner.matches("<"), let next = scanner.byte(at: 1),
                next.isASCIILetter || (next == 0x2F && scanner.byte(at: 2)?.isASCIILetter == true)
            {
                // A start or end tag: skip its name, then its attributes.
                scanner.advance(next == 0x2F ? 2 : 1)
                while let byte = scanner.current, !byte.isHTMLWhitespace, byte != 0x3E { scanner.advance(1) }
                while scanner.nextAttribute() != nil {}
            } else if scanner.matches("<!") || scanner.matches("</") || scanner.matches("<?") {
                scanner.skip(past: ">")
            } else {
                scanner.advance(1)
            }
        }
        return nil
    }

    /// The attributes of one `<meta>` element, decided as the prescan's "need pragma" rules say.
    private static func metaEncoding(_ scanner: inout ByteScanner) -> TextEncoding? {
        var seen: Set<String> = []
        var gotPragma = false
        var charset: TextEncoding?
        var needPragma: Bool?
        while let (name, value) = scanner.nextAttribute() {
            guard seen.insert(name).inserted else { continue }
            switch name {
            case "http-equiv":
                if value.lowercased() == "content-type" { gotPragma = true }
            case "content":
                if charset == nil, let label = charsetLabel(inContent: value) {
                    charset = TextEncoding(label: label)
                    needPragma = true
                }
            case "charset":
                charset = TextEncoding(label: value)
                needPragma = false
            default:
                break
            }
        }
        guard let needPragma, let charset else { return nil }
        return needPragma && !gotPragma ? nil : charset
    }

    /// The charset label inside a `content` value such as `text/html; charset=windows-1256` (HTML §2.5.6
    /// "extracting a character encoding from a meta element").
    static func charsetLabel(inContent content: String) -> String? {
        let bytes = Array(content.utf8)
        var index = 0
        while index + 7 <= bytes.count {
            guard bytes[index..<index + 7].map(\.asciiLowercased) == Array("charset".utf8) else {
                index += 1
                continue
            }
            var position = index + 7
            while position < bytes.count, bytes[position].isHTMLWhitespace { position += 1 }
            guard position < bytes.count, bytes[position] == 0x3D else {
                index = position
                continue
            }
            position += 1
            while position < bytes.count, bytes[position].isHTMLWhitespace { position += 1 }
            guard position < bytes.count else { return nil }
            let quote = bytes[position]
            if quote == 0x22 || quote == 0x27 {
                guard let end = bytes[(position + 1)...].firstIndex(of: quote) else { return nil }
                return String(decoding: bytes[(position + 1)..<end], as: UTF8.self)
            }
            let end = bytes[position...].firstIndex { $0.isHTMLWhitespace || $0 == 0x3B } ?? bytes.count
            return String(decoding: bytes[position..<end], as: UTF8.self)
        }
        return nil
    }
}

/// A cursor over bytes with the prescan's small steps.
private struct ByteScanner {
    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }
    var current: UInt8? { byte(at: 0) }

    func byte(at offset: Int) -> UInt8? { index + offset < bytes.endIndex ? bytes[index + offset] : nil }

    mutating func advance(_ count: Int) { index = min(index + count, bytes.endIndex) }

    /// Whether the bytes here start with `text` (ASCII case-insensitive).
    func matches(_ text: String) -> Bool {
        var offset = 0
        for expected in text.utf8 {
            guard let byte = byte(at: offset), byte.asciiLowercased == expected else { return false }
            offset += 1
        }
        return true
    }

    /// Skips `text` when it is here.
    mutating func skip(_ text: String) -> Bool {
        guard matches(text) else { return false }
        advance(text.utf8.count)
        return true
    }

    /// Moves just past the next `text`, or to the end.
    mutating func skip(past text: String) {
        while !isAtEnd, !skip(text) { advance(1) }
    }

    /// The prescan's "get an attribute": the next name (lower-cased) and value, or nil at `>` or the end.
    mutating func nextAttribute() -> (String, String)? {
        while let byte = current, byte.isHTMLWhitespace || byte == 0x2F { advance(1) }
        guard let first = current, first != 0x3E else { return nil }
        var name: [UInt8] = [first.asciiLowercased]
        advance(1)
        while let byte = current, byte != 0x3D {
            if byte.isHTMLWhitespace || byte == 0x2F || byte == 0x3E { break }
            name.append(byte.asciiLowercased)
            advance(1)
        }
        while let byte = current, byte.isHTMLWhitespace { advance(1) }
        guard current == 0x3D else { return (String(decoding: name, as: UTF8.self), "") }
        advance(1)
        while let byte = current, byte.isHTMLWhitespace { advance(1) }
        var value: [UInt8] = []
        if let quote = current, quote == 0x22 || quote == 0x27 {
            advance(1)
            while let byte = current, byte != quote {
                value.append(byte.asciiLowercased)
                advance(1)
            }
            advance(1)
        } else {
            while let byte = current, !byte.isHTMLWhitespace, byte != 0x3E {
                value.append(byte.asciiLowercased)
                advance(1)
            }
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }
}
