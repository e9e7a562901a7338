/// Arabic light stemming (API.md "Search"), on normalised letters (`ة` is already `ه`, `ى` already `ي`): strips
/// one prefix of `وال بال كال فال لل ال و` and then one suffix of `ها ان ات ون ين يه ية ه ة ي`, longest first,
/// each only when at least two letters stay (three after a lone `و`, so `وقف` and `وفد` keep their `و`).
enum ArabicStemmer {
    /// Longest first, so `وال` wins over `و`.
    private static let prefixes: [[UInt32]] = ["وال", "بال", "كال", "فال", "لل", "ال", "و"].map(scalars)
    /// Longest first; `ية` and `ة` are `يه` and `ه` after normalisation.
    private static let suffixes: [[UInt32]] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"].map(scalars)

    /// The range of `word` (normalised Arabic letters) that is its stem.
    static func stem(_ word: UnsafeBufferPointer<UInt32>) -> Range<Int> {
        var lower = 0
        var upper = word.count
        for prefix in prefixes where upper >= prefix.count + (prefix.count == 1 ? 3 : 2) {
            if word[0..<prefix.count].elementsEqual(prefix) {
                lower = prefix.count
                break
            }
        }
        for suffix in suffixes where upper - lower >= suffix.count + 2 {
            if word[(upper - suffix.count)..<upper].elementsEqual(suffix) {
                upper -= suffix.count
                break
            }
        }
        return lower..<upper
    }

    private static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
}
