/// Builds the `snippet` of a search hit: a passage of about `length` characters of the best-matching field, cut
/// from the ORIGINAL text at token boundaries (`…` where it was cut), HTML-escaped, every matched word wrapped in
/// `<mark>…</mark>`. Token offsets from the analyser map each match back to its original bytes.
enum Snippet {
    /// The passage length in characters (openapi.json, clarification 10: "about 200 characters").
    static let length = 200
    /// Characters of context kept before the first match when the field is cut.
    private static let lead = 40

    private struct Token {
        var start: Int
        var end: Int
        /// Characters before the token and up to its end.
        var characterStart: Int
        var characterEnd: Int
        /// The index of the matched query term + 1; 0 when it matches none.
        var match: Int
    }

    private struct Passage {
        var text: String
        var tokens: [Token]
        /// Token indexes shown.
        var window: Range<Int>
        /// Whether the text goes on after the window.
        var cutAtEnd: Bool
        var distinct: Int
        var matches: Int
    }

    /// The snippet for `fields` and the query's positive `terms`; `nil` when no field matches. Only the fields in
    /// `fieldMask` (bit n = field n; the index knows where the terms are) are read.
    static func make(fields: [SearchField], terms: [String], fieldMask: UInt32 = .max) -> String? {
        let wanted = terms.map { Array($0.utf8) }
        var best: Passage?
        for field in fields where fieldMask & (1 << UInt32(field.field)) != 0 {
            guard let passage = passage(field.text, wanted: wanted) else { continue }
            if let current = best, (current.distinct, current.matches) >= (passage.distinct, passage.matches) {
                continue
            }
            best = passage
        }
        return best.map(render)
    }

    /// Analyses `text` up to the end of the window after its first match (the rest is never shown).
    private static func passage(_ text: String, wanted: [[UInt8]]) -> Passage? {
        var copy = text
        return copy.withUTF8 { bytes -> Passage? in
            var stream = TokenStream(bytes)
            var tokens: [Token] = []
            var first: Int?
            var characters = 0
            var lastByte = 0
            var exhausted = true
            while stream.next() {
                characters += count(bytes, lastByte, stream.start)
                let characterStart = characters
                characters += count(bytes, stream.start, stream.end)
                lastByte = stream.end
                let term = stream.term
                let match = (wanted.firstIndex { $0.elementsEqual(term) }).map { $0 + 1 } ?? 0
                tokens.append(
                    Token(
                        start: stream.start, end: stream.end, characterStart: characterStart,
                        characterEnd: characters, match: match))
                if match != 0, first == nil { first = tokens.count - 1 }
                if let first, characters - tokens[first].characterStart > length {
                    exhausted = false
                    break
                }
            }
            guard let first else { return nil }
            let total = characters + (exhausted ? count(bytes, lastByte, bytes.count) : 0)
            var lower = first
            while lower > 0, tokens[first].characterStart - tokens[lower - 1].characterStart <= lead { lower -= 1 }
            var upper = first + 1
            while upper < tokens.count, tokens[upper].characterEnd - tokens[lower].characterStart <= length {
                upper += 1
            }
            let cutAtEnd = !exhausted || upper < tokens.count
            if !cutAtEnd {
                // The window reaches the end of the text: spend the rest of the length on context before it.
                while lower > 0, total - tokens[lower - 1].characterStart <= length { lower -= 1 }
            }
            var seen: UInt64 = 0
            var matches = 0
            for token in tokens[lower..<upper] where token.match != 0 {
                seen |= 1 << UInt64(min(token.match - 1, 63))
                matches += 1
            }
            return Passage(
                text: text, tokens: tokens, window: lower..<upper, cutAtEnd: cutAtEnd,
                distinct: seen.nonzeroBitCount, matches: matches)
        }
    }

    private static func render(_ passage: Passage) -> String {
        var copy = passage.text
        return copy.withUTF8 { bytes in
            let tokens = passage.tokens
            let window = passage.window
            let start = window.lowerBound == 0 ? 0 : tokens[window.lowerBound].start
            let end = passage.cutAtEnd ? tokens[window.upperBound - 1].end : bytes.count
            var result: [UInt8] = []
            result.reserveCapacity((end - start) + 64)
            if start > 0 { result += "…".utf8 }
            var cursor = start
            for token in tokens[window] where token.match != 0 {
                escape(bytes, cursor..<token.start, into: &result)
                result += "<mark>".utf8
                escape(bytes, token.start..<token.end, into: &result)
                result += "</mark>".utf8
                cursor = token.end
            }
            escape(bytes, cursor..<end, into: &result)
            if passage.cutAtEnd { result += "…".utf8 }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Characters (scalars) in `bytes[start..<end]`.
    private static func count(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var count = 0
        for index in start..<end where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Appends `bytes[range]` with `&`, `<`, `>`, `"` escaped, so the snippet is safe to show as HTML.
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into result: inout [UInt8]) {
        for index in range {
            switch bytes[index] {
            case UInt8(ascii: "&"): result += "&amp;".utf8
            case UInt8(ascii: "<"): result += "&lt;".utf8
            case UInt8(ascii: ">"): result += "&gt;".utf8
            case UInt8(ascii: "\""): result += "&quot;".utf8
            default: result.append(bytes[index])
            }
        }
    }
}
