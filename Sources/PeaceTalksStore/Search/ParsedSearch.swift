/// A parsed `q`: plain terms (all must match), quoted phrases (in sequence), and `-`excluded terms or phrases.
struct ParsedSearch: Hashable, Sendable {
    /// Terms every match must contain.
    var required: [String] = []
    /// Term sequences every match must contain in order, within one field.
    var phrases: [[String]] = []
    /// Terms no match may contain.
    var excluded: [String] = []
    /// Phrases no match may contain.
    var excludedPhrases: [[String]] = []

    /// Parses `q`: `"…"` (or `“…”`, `”…”`, `„…“`, `«…»`) groups a phrase; a leading `-` excludes a word or phrase.
    init(_ q: String) {
        var scalars = Array(q.unicodeScalars)[...]
        while !scalars.isEmpty {
            while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
            guard !scalars.isEmpty else { break }
            var negated = false
            if scalars.first == "-" || scalars.first == "\u{2212}" {
                negated = true
                scalars.removeFirst()
            }
            let text: String
            var quoted = false
            if let open = scalars.first, let close = ParsedSearch.closingQuote[open] {
                scalars.removeFirst()
                let end = scalars.firstIndex { $0 == close || (close == "\"" && $0 == "\u{201D}") } ?? scalars.endIndex
                text = String(String.UnicodeScalarView(scalars[..<end]))
                scalars = end < scalars.endIndex ? scalars[(end + 1)...] : []
                quoted = true
            } else {
                let end = scalars.firstIndex { $0.properties.isWhitespace } ?? scalars.endIndex
                text = String(String.UnicodeScalarView(scalars[..<end]))
                scalars = scalars[end...]
            }
            let terms = TextAnalyzer.terms(text)
            guard !terms.isEmpty else { continue }
            switch (negated, quoted || terms.count > 1) {
            case (false, false): required.append(terms[0])
            case (false, true): phrases.append(terms)
            case (true, false): excluded.append(terms[0])
            case (true, true): excludedPhrases.append(terms)
            }
        }
    }

    private static let closingQuote: [Unicode.Scalar: Unicode.Scalar] = [
        "\"": "\"", "\u{201C}": "\u{201D}", "\u{201D}": "\u{201D}", "\u{201E}": "\u{201C}",
        "\u{00AB}": "\u{00BB}",
    ]

    /// The distinct terms a match must contain (plain and phrase terms): what is scored and marked.
    var positiveTerms: [String] {
        var seen: Set<String> = []
        return (required + phrases.flatMap { $0 }).filter { seen.insert($0).inserted }
    }

    /// Whether there is nothing to search for at all.
    var isEmpty: Bool { required.isEmpty && phrases.isEmpty && excluded.isEmpty && excludedPhrases.isEmpty }

    /// A canonical text form for query fingerprints.
    var canonical: String {
        "r:" + required.joined(separator: " ") + "|p:"
            + phrases.map { $0.joined(separator: " ") }.joined(separator: ",")
            + "|x:" + excluded.joined(separator: " ") + "|xp:"
            + excludedPhrases.map { $0.joined(separator: " ") }.joined(separator: ",")
    }
}
