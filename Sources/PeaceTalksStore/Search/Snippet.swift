import Foundation

/// Builds the `snippet` of a search hit: the best-matching passage of the original text, HTML-escaped, every
/// matched word wrapped in `<mark>…</mark>`, cut to a window of words with `…` where it was cut.
enum Snippet {
    /// Words shown around the first match of a long field.
    private static let windowWords = 30
    /// Words shown before the first match.
    private static let wordsBefore = 8

    /// The snippet for `fields` and the query's positive `terms`; `nil` when no field matches.
    static func make(fields: [SearchField], terms: Set<String>) -> String? {
        var best: (text: String, tokens: [AnalyzedToken], matches: Int)?
        for field in fields {
            let tokens = TextAnalyzer.tokens(field.text)
            let matches = tokens.reduce(0) { $0 + (terms.contains($1.term) ? 1 : 0) }
            if matches > 0, matches > (best?.matches ?? 0) { best = (field.text, tokens, matches) }
        }
        guard let best, let first = best.tokens.firstIndex(where: { terms.contains($0.term) }) else { return nil }
        let utf8 = Array(best.text.utf8)
        var lower = 0
        var upper = best.tokens.count
        if best.tokens.count > windowWords {
            lower = max(0, min(first - wordsBefore, best.tokens.count - windowWords))
            upper = lower + windowWords
        }
        let startByte = lower == 0 ? 0 : best.tokens[lower].start
        let endByte = upper == best.tokens.count ? utf8.count : best.tokens[upper - 1].end
        var result = lower == 0 ? "" : "…"
        var cursor = startByte
        for token in best.tokens[lower..<upper] where terms.contains(token.term) {
            result += escape(utf8[cursor..<token.start]) + "<mark>" + escape(utf8[token.start..<token.end]) + "</mark>"
            cursor = token.end
        }
        result += escape(utf8[cursor..<endByte])
        if upper < best.tokens.count { result += "…" }
        return result
    }

    /// The bytes as text with `&`, `<`, `>` escaped, so the snippet is safe to show as HTML.
    private static func escape(_ bytes: ArraySlice<UInt8>) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
        {
            text = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        return text
    }
}
