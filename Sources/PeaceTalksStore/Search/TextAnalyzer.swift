/// One search term and where it came from in the original text.
struct AnalyzedToken: Hashable, Sendable {
    /// The normalised, stemmed term.
    var term: String
    /// The UTF-8 offset of the token's first byte in the original text.
    var start: Int
    /// The UTF-8 offset just past the token in the original text.
    var end: Int
}

/// Turns text into search terms: fold each scalar (`ScalarFolding`), split on anything that is not a letter or a
/// digit (so Arabic punctuation `، ؛ ؟` and quotes `“ ” « »` separate words), then stem lightly.
enum TextAnalyzer {
    /// The terms of `text` with their original UTF-8 ranges.
    static func tokens(_ text: String) -> [AnalyzedToken] {
        var tokens: [AnalyzedToken] = []
        var current = String.UnicodeScalarView()
        var start = 0
        var offset = 0
        func flush(at end: Int) {
            guard !current.isEmpty else { return }
            tokens.append(AnalyzedToken(term: stem(String(current)), start: start, end: end))
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            let folded = ScalarFolding.fold(scalar)
            if folded.isEmpty {
                offset += width
                continue  // ignorable: keeps the word together
            }
            for piece in folded {
                if isWordScalar(piece) {
                    if current.isEmpty { start = offset }
                    current.append(piece)
                } else {
                    flush(at: offset)
                }
            }
            offset += width
        }
        flush(at: offset)
        return tokens
    }

    /// The terms of `text`, in order.
    static func terms(_ text: String) -> [String] { tokens(text).map(\.term) }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            return (0x61...0x7A).contains(scalar.value) || (0x30...0x39).contains(scalar.value)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
    }

    /// Light stemming: Arabic prefixes and suffixes for Arabic words, plural and -ing/-ed endings for ASCII words.
    static func stem(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        if scalars.contains(where: { (0x0621...0x064A).contains($0.value) }) { return stemArabic(scalars) }
        if scalars.allSatisfy({ (0x61...0x7A).contains($0.value) }) { return stemEnglish(word) }
        return word
    }

    /// Longest first, so `وال` wins over `و`.
    private static let arabicPrefixes: [[Unicode.Scalar]] = [
        "وال", "بال", "كال", "فال", "لل", "ال", "و",
    ].map { Array($0.unicodeScalars) }
    /// Longest first.
    private static let arabicSuffixes: [[Unicode.Scalar]] = [
        "ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي",
    ].map { Array($0.unicodeScalars) }

    /// Strips one prefix (leaving ≥ 2 letters; ≥ 3 after a lone `و`) and one suffix (leaving ≥ 2 letters).
    private static func stemArabic(_ word: [Unicode.Scalar]) -> String {
        var word = word
        for prefix in arabicPrefixes where word.starts(with: prefix) {
            let minimumLeft = prefix.count == 1 ? 3 : 2
            if word.count - prefix.count >= minimumLeft {
                word.removeFirst(prefix.count)
                break
            }
        }
        for suffix in arabicSuffixes
        where word.count - suffix.count >= 2 && word.suffix(suffix.count).elementsEqual(suffix) {
            word.removeLast(suffix.count)
            break
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: word)
        return String(result)
    }

    /// An s-stemmer with `-ing`/`-ed` removal: `talks` → `talk`, `parties` → `party`, `talked` → `talk`.
    private static func stemEnglish(_ word: String) -> String {
        var word = word
        let count = word.utf8.count
        if count > 4, word.hasSuffix("ies"), !word.hasSuffix("eies"), !word.hasSuffix("aies") {
            word.removeLast(3)
            word += "y"
        } else if count > 4,
            word.hasSuffix("sses") || word.hasSuffix("xes") || word.hasSuffix("ches")
                || word.hasSuffix("shes")
        {
            word.removeLast(2)
        } else if count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") {
            word.removeLast()
        }
        if word.utf8.count >= 6, word.hasSuffix("ing") {
            word.removeLast(3)
            undouble(&word)
        } else if word.utf8.count >= 5, word.hasSuffix("ied") {
            word.removeLast(3)
            word += "y"
        } else if word.utf8.count >= 5, word.hasSuffix("ed"), !word.hasSuffix("eed") {
            word.removeLast(2)
            undouble(&word)
        }
        return word
    }

    /// `stopp` → `stop`, but `fall`, `pass`, `buzz` keep their double letter.
    private static func undouble(_ word: inout String) {
        let bytes = Array(word.utf8)
        guard bytes.count >= 3, bytes[bytes.count - 1] == bytes[bytes.count - 2],
            !"lsz".utf8.contains(bytes[bytes.count - 1]), !"aeiou".utf8.contains(bytes[bytes.count - 1])
        else { return }
        word.removeLast()
    }
}
