/// A small, forgiving HTML tokenizer after HTML §13.2.5: tags with quoted, unquoted and bare attributes,
/// comments, doctypes, CDATA sections (as text), the raw text elements (`script`, `style`…) and RCDATA
/// (`title`, `textarea`), character references. It never fails: any byte sequence yields some tokens.
package struct HTMLTokenizer: Sequence, IteratorProtocol {
    /// Elements whose content is raw text up to their end tag, references not decoded.
    private static let rawTextElements: Set<String> = [
        "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript",
    ]
    /// Elements whose content is text up to their end tag, references decoded.
    private static let rcdataElements: Set<String> = ["title", "textarea"]

    private let bytes: [UInt8]
    private var index = 0
    /// Set after a raw text or RCDATA start tag: the element whose end tag ends the text.
    private var rawTextEnd: (name: String, decode: Bool)?

    /// A tokenizer over `html`.
    package init(_ html: String) {
        bytes = Array(html.utf8)
    }

    /// The next token, or nil at the end.
    package mutating func next() -> HTMLToken? {
        if let (name, decode) = rawTextEnd {
            rawTextEnd = nil
            let start = index
            index = endOfRawText(named: name)
            if index > start {
                let slice = bytes[start..<index]
                return .text(decode ? CharacterReferences.decode(slice, inAttribute: false)
                    : String(decoding: slice, as: UTF8.self))
            }
        }
        while index < bytes.count {
            if bytes[index] == 0x3C {
                let before = index
                if let token = markup() { return token }
                if index != before { continue }  // an unterminated tag at the end, dropped
            }
            let start = index
            index += 1
            while index < bytes.count, bytes[index] != 0x3C { index += 1 }
            // A `<` that starts no markup is text: keep going until one that does.
            while index < bytes.count, !startsMarkup(at: index) {
                index += 1
                while index < bytes.count, bytes[index] != 0x3C { index += 1 }
            }
            return .text(CharacterReferences.decode(bytes[start..<index], inAttribute: false))
        }
        return nil
    }

    /// Whether the `<` at `position` starts a tag, comment, doctype or processing instruction.
    private func startsMarkup(at position: Int) -> Bool {
        guard position + 1 < bytes.count else { return false }
        let next = bytes[position + 1]
        return next.isASCIILetter || next == 0x2F || next == 0x21 || next == 0x3F
    }

    /// Reads the markup at `index` (a `<`); nil, leaving `index`, when it is plain text, or having consumed it,
    /// when it is a tag cut off by the end of the input.
    private mutating func markup() -> HTMLToken? {
        guard startsMarkup(at: index) else { return nil }
        let next = bytes[index + 1]
        if next.isASCIILetter {
            return startTag()
        }
        if next == 0x2F {
            if index + 2 < bytes.count, bytes[index + 2].isASCIILetter {
                return endTag()
            }
            index = skip(past: [0x3E], from: index + 2)  // `</>` or `</ …>`: a bogus comment
            return .comment("")
        }
        if next == 0x21 {
            if matches("<!--", at: index) {
                let start = index + 4
                let end = find([0x2D, 0x2D, 0x3E], from: start) ?? bytes.count
                index = Swift.min(end + 3, bytes.count)
                return .comment(String(decoding: bytes[start..<Swift.min(end, bytes.count)], as: UTF8.self))
            }
            if matches("<![cdata[", at: index) {
                let start = index + 9
                let end = find([0x5D, 0x5D, 0x3E], from: start) ?? bytes.count
                index = Swift.min(end + 3, bytes.count)
                return .text(String(decoding: bytes[start..<end], as: UTF8.self))
            }
            let isDoctype = matches("<!doctype", at: index)
            index = skip(past: [0x3E], from: index + 2)
            return isDoctype ? .doctype : .comment("")
        }
        index = skip(past: [0x3E], from: index + 2)  // `<?…>`
        return .comment("")
    }

    private mutating func startTag() -> HTMLToken? {
        index += 1
        let name = readName()
        var attributes: [HTMLAttribute] = []
        var selfClosing = false
        while true {
            while index < bytes.count, bytes[index].isHTMLWhitespace { index += 1 }
            guard index < bytes.count else { return nil }  // EOF in a tag: dropped, as in HTML
            if bytes[index] == 0x3E {
                index += 1
                break
            }
            if bytes[index] == 0x2F {
                index += 1
                if index < bytes.count, bytes[index] == 0x3E {
                    selfClosing = true
                    index += 1
                    break
                }
                continue
            }
            let attribute = readAttribute()
            if !attributes.contains(where: { $0.name == attribute.name }) { attributes.append(attribute) }
        }
        if Self.rawTextElements.contains(name) {
            rawTextEnd = (name, false)
        } else if Self.rcdataElements.contains(name) {
            rawTextEnd = (name, true)
        }
        return .startTag(HTMLTag(name: name, attributes: attributes, selfClosing: selfClosing))
    }

    private mutating func endTag() -> HTMLToken {
        index += 2
        let name = readName()
        index = skip(past: [0x3E], from: index)  // attributes on an end tag are ignored
        return .endTag(name)
    }

    /// A tag name: up to whitespace, `/` or `>`, lower-cased.
    private mutating func readName() -> String {
        let start = index
        while index < bytes.count, !bytes[index].isHTMLWhitespace, bytes[index] != 0x2F, bytes[index] != 0x3E {
            index += 1
        }
        return String(decoding: bytes[start..<index].map(\.asciiLowercased), as: UTF8.self)
    }

    /// One attribute at `index` (not whitespace, `/` or `>`).
    private mutating func readAttribute() -> HTMLAttribute {
        let nameStart = index
        index += 1  // the first character may be `=`
        while index < bytes.count, !bytes[index].isHTMLWhitespace, ![0x2F, 0x3E, 0x3D].contains(bytes[index]) {
            index += 1
        }
        let name = String(decoding: bytes[nameStart..<index].map(\.asciiLowercased), as: UTF8.self)
        var lookahead = index
        while lookahead < bytes.count, bytes[lookahead].isHTMLWhitespace { lookahead += 1 }
        guard lookahead < bytes.count, bytes[lookahead] == 0x3D else { return HTMLAttribute(name: name, value: "") }
        index = lookahead + 1
        while index < bytes.count, bytes[index].isHTMLWhitespace { index += 1 }
        guard index < bytes.count else { return HTMLAttribute(name: name, value: "") }
        let valueRange: Range<Int>
        let quote = bytes[index]
        if quote == 0x22 || quote == 0x27 {
            let end = bytes[(index + 1)...].firstIndex(of: quote) ?? bytes.count
            valueRange = (index + 1)..<end
            index = Swift.min(end + 1, bytes.count)
        } else {
            let start = index
            while index < bytes.count, !bytes[index].isHTMLWhitespace, bytes[index] != 0x3E { index += 1 }
            valueRange = start..<index
        }
        return HTMLAttribute(name: name, value: CharacterReferences.decode(bytes[valueRange], inAttribute: true))
    }

    /// Where the raw text of `name` ends: at `</name` followed by whitespace, `/` or `>`, or the end.
    private func endOfRawText(named name: String) -> Int {
        let closing = Array("</\(name)".utf8)
        var position = index
        while let found = find([0x3C, 0x2F], from: position) {
            let after = found + closing.count
            if matches(closing, at: found), after >= bytes.count || bytes[after].isHTMLWhitespace
                || bytes[after] == 0x2F || bytes[after] == 0x3E
            {
                return found
            }
            position = found + 2
        }
        return bytes.count
    }

    /// Whether the bytes at `position` are `text` (ASCII case-insensitive; `text` in lower case).
    private func matches(_ text: String, at position: Int) -> Bool { matches(Array(text.utf8), at: position) }

    private func matches(_ text: [UInt8], at position: Int) -> Bool {
        guard position + text.count <= bytes.count else { return false }
        for offset in text.indices where bytes[position + offset].asciiLowercased != text[offset] { return false }
        return true
    }

    /// The index of the next occurrence of `pattern` at or after `start`.
    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        guard !pattern.isEmpty, start < bytes.count else { return nil }
        var position = start
        while position + pattern.count <= bytes.count {
            if bytes[position] == pattern[0], bytes[position..<position + pattern.count].elementsEqual(pattern) {
                return position
            }
            position += 1
        }
        return nil
    }

    /// Just past the next occurrence of `pattern` at or after `start`, or the end.
    private func skip(past pattern: [UInt8], from start: Int) -> Int {
        guard let found = find(pattern, from: start) else { return bytes.count }
        return found + pattern.count
    }
}
