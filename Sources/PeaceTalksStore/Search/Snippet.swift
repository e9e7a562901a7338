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
        var match: Int  // index of the matched query term + 1; 0 when it matches none
    }

    private struct Passage {
        var text: String
        var tokens: [Token]
        var window: Range<Int>  // token indexes shown
        var distinct: Int
        var matches: Int
    }

    /// The snippet for `fields` and the query's positive `terms`; `nil` when no field matches.
    static func make(fields: [SearchField], terms: [String]) -> String? {
        let wanted = terms.map { Array($0.utf8) }
        var best: Passage?
        for field in fields {
            guard let passage = passage(field.text, wanted: wanted) else { continue }
            if let current = best,
                (current.distinct, current.matches) >= (passage.distinct, passage.matches)
            {
                continue
            }
            best = passage
        }
        return best.map(render)
    }

    /// Analyses `text` up to the end of the window after its first match (the rest is never shown).
    private static func passage(_ text: String, wanted: [[UInt8]]) -> Passage? {
        var tokens: [Token] = []
        var first: Int?
        var copy = text
        return copy.withUTF8 { bytes -> Passage? in
            TextAnalyzer.analyze(bytes) { term, start, end in
                var match = 0
                for (number, candidate) in wanted.enumerated() where candidate.elementsEqual(term) {
                    match = number + 1
                    break
                }
                if match != 0, first == nil {
                    first = tokens.count
                }
                tokens.append(Token(start: start, end: end, match: match))
                if let first, characters(bytes, tokens[first].start, end) > length { return false }
                return true
            }
            guard let first else { return nil }
            var lower = first
            while lower > 0, characters(bytes, tokens[lower - 1].start, tokens[first].start) <= lead { lower -= 1 }
            var upper = first + 1
            while upper < tokens.count, characters(bytes, tokens[lower].start, tokens[upper].end) <= length {
                upper += 1
            }
            // When the window reaches the end of the text, spend the rest of the length on context before it.
            if upper == tokens.count, characters(bytes, tokens[lower].start, bytes.count) < length {
                lower = 0
                while lower < first, characters(bytes, tokens[lower].start, bytes.count) > length { lower += 1 }
            }
            var seen: UInt64 = 0
            var matches = 0
            for token in tokens[lower..<upper] where token.match != 0 {
                seen |= 1 << UInt64(min(token.match - 1, 63))
                matches += 1
            }
            return Passage(
                text: text, tokens: tokens, window: lower..<upper, distinct: seen.nonzeroBitCount, matches: matches)
        }
    }

    private static func render(_ passage: Passage) -> String {
        var copy = passage.text
        return copy.withUTF8 { bytes in
            let tokens = passage.tokens
            let window = passage.window
            let start = window.lowerBound == 0 ? 0 : tokens[window.lowerBound].start
            let cutAtEnd = window.upperBound < tokens.count || characters(bytes, start, bytes.count) > length
            let end = cutAtEnd ? tokens[window.upperBound - 1].end : bytes.count
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
            if cutAtEnd { result += "…".utf8 }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Characters (scalars) in `bytes[start..<end]`.
    private static func characters(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
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
