/// A light English stemmer at the level of Porter's step 1 (plurals, `-ed`, `-ing`), on lower-case ASCII letters:
/// `talks` → `talk`, `parties` → `party`, `processes` → `process`, `talked`/`talking` → `talk`,
/// `planned` → `plan`, `related` → `relate`. Possessive `'s` is dropped by the tokeniser.
enum EnglishStemmer {
    /// Stems `word` in place and returns its new length (the scalars past it are stale).
    static func stem(_ word: inout [UInt32]) -> Int {
        var count = word.count
        func ends(_ suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            guard count >= length else { return false }
            let base = suffix.utf8Start
            for offset in 0..<length where word[count - length + offset] != UInt32(base[offset]) { return false }
            return true
        }
        func replaceEnd(_ length: Int, with suffix: StaticString) {
            count -= length
            let base = suffix.utf8Start
            for offset in 0..<suffix.utf8CodeUnitCount {
                if count < word.count { word[count] = UInt32(base[offset]) } else { word.append(UInt32(base[offset])) }
                count += 1
            }
        }
        // Step 1a: plurals.
        if count > 4, ends("ies"), !ends("eies"), !ends("aies") {
            replaceEnd(3, with: "y")
        } else if count > 4, ends("sses") || ends("xes") || ends("ches") || ends("shes") || ends("zzes") {
            count -= 2
        } else if count > 3, ends("s"), !ends("ss"), !ends("us"), !ends("is") {
            count -= 1
        }
        // Step 1b: -ing, -ed.
        var removed = false
        if count >= 6, ends("ing") {
            count -= 3
            removed = true
        } else if count >= 5, ends("ied") {
            replaceEnd(3, with: "y")
        } else if count >= 5, ends("ed"), !ends("eed") {
            count -= 2
            removed = true
        }
        if removed {
            if ends("at") || ends("bl") || ends("iz") {
                replaceEnd(0, with: "e")
            } else if count >= 3, word[count - 1] == word[count - 2], !isVowelOrLSZ(word[count - 1]) {
                count -= 1  // `stopped` → `stop`, but `fall`, `pass`, `buzz` keep their double letter
            }
        }
        return count
    }

    private static func isVowelOrLSZ(_ value: UInt32) -> Bool {
        switch UInt8(truncatingIfNeeded: value) {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
            UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "z"):
            true
        default: false
        }
    }
}
