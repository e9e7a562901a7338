/// A light English stemmer at the level of Porter's step 1 (plurals, `-ed`, `-ing`), on lower-case ASCII letters:
/// `talks` → `talk`, `parties` → `party`, `processes` → `process`, `talked`/`talking` → `talk`,
/// `planned` → `plan`, `related` → `relate`. Possessive `'s` is dropped by the tokeniser.
enum EnglishStemmer {
    /// Stems `word[..<count]` in place and returns its new length (the scalars past it are stale); `word` must
    /// have room for one scalar more.
    static func stem(_ word: UnsafeMutableBufferPointer<UInt32>, count: Int) -> Int {
        var count = count
        // Every rule below needs a word ending in `s` (step 1a) or `d`/`g` (step 1b): most words end otherwise.
        guard count > 0, word[count - 1] == 0x73 || word[count - 1] == 0x64 || word[count - 1] == 0x67 else {
            return count
        }
        // Step 1a: plurals.
        if count > 4, ends(word, count, "ies"), !ends(word, count, "eies"), !ends(word, count, "aies") {
            count = replaceEnd(word, count, 3, with: "y")
        } else if count > 4,
            ends(word, count, "sses") || ends(word, count, "xes") || ends(word, count, "ches")
                || ends(word, count, "shes") || ends(word, count, "zzes")
        {
            count -= 2
        } else if count > 3, ends(word, count, "s"), !ends(word, count, "ss"), !ends(word, count, "us"),
            !ends(word, count, "is")
        {
            count -= 1
        }
        // Step 1b: -ing, -ed.
        var removed = false
        if count >= 6, ends(word, count, "ing") {
            count -= 3
            removed = true
        } else if count >= 5, ends(word, count, "ied") {
            count = replaceEnd(word, count, 3, with: "y")
        } else if count >= 5, ends(word, count, "ed"), !ends(word, count, "eed") {
            count -= 2
            removed = true
        }
        if removed {
            if ends(word, count, "at") || ends(word, count, "bl") || ends(word, count, "iz") {
                count = replaceEnd(word, count, 0, with: "e")
            } else if count >= 3, word[count - 1] == word[count - 2], !isVowelOrLSZ(word[count - 1]) {
                count -= 1  // `stopped` → `stop`, but `fall`, `pass`, `buzz` keep their double letter
            }
        }
        return count
    }

    private static func ends(_ word: UnsafeMutableBufferPointer<UInt32>, _ count: Int, _ suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard count >= length else { return false }
        let base = suffix.utf8Start
        for offset in 0..<length where word[count - length + offset] != UInt32(base[offset]) { return false }
        return true
    }

    /// Replaces the last `length` letters of `word[..<count]` by `suffix` (at most one letter longer); returns the
    /// new count.
    private static func replaceEnd(
        _ word: UnsafeMutableBufferPointer<UInt32>, _ count: Int, _ length: Int, with suffix: StaticString
    ) -> Int {
        var count = count - length
        let base = suffix.utf8Start
        for offset in 0..<suffix.utf8CodeUnitCount {
            word[count] = UInt32(base[offset])
            count += 1
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
