/// A pragmatic BCP 47 (RFC 5646 §2.1) syntax check: `ar`, `en`, `en-GB`, `zh-Hant-TW`, `ar-SY`, `sr-Latn-RS`,
/// `de-CH-1996`, `x-klingon`; case-insensitive. It checks the shape of the subtags, not the IANA registry.
package enum LanguageTag {
    /// The longest tag accepted, in characters.
    package static let maxLength = 35

    /// Whether `tag` is a well-formed language tag.
    package static func isWellFormed(_ tag: String) -> Bool {
        guard !tag.isEmpty, tag.utf8.count <= maxLength, tag.utf8.allSatisfy({ isAlphanumeric($0) || $0 == 0x2D })
        else { return false }
        let subtags = tag.lowercased().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard subtags.allSatisfy({ (1...8).contains($0.utf8.count) }) else { return false }
        if subtags[0] == "x" { return subtags.count > 1 }  // private use only
        var index: Int
        // language: 2–3 letters (+ up to three 3-letter extlangs); the 4–8 letter forms are reserved or unused
        guard isAlpha(subtags[0]), (2...3).contains(subtags[0].count) else { return false }
        index = 1
        var extlangs = 0
        while index < subtags.count, extlangs < 3, subtags[index].count == 3, isAlpha(subtags[index]) {
            index += 1
            extlangs += 1
        }
        if index < subtags.count, subtags[index].count == 4, isAlpha(subtags[index]) { index += 1 }  // script
        if index < subtags.count,  // region
            (subtags[index].count == 2 && isAlpha(subtags[index]))
                || (subtags[index].count == 3 && subtags[index].utf8.allSatisfy(isDigit))
        {
            index += 1
        }
        while index < subtags.count, isVariant(subtags[index]) { index += 1 }
        while index < subtags.count, subtags[index].count == 1, subtags[index] != "x" {  // extensions
            index += 1
            let start = index
            while index < subtags.count, subtags[index].count >= 2 { index += 1 }
            guard index > start else { return false }
        }
        if index < subtags.count, subtags[index] == "x" {
            guard index + 1 < subtags.count else { return false }
            return true
        }
        return index == subtags.count
    }

    /// The primary language subtag in lower case (`en` for `en-GB`).
    package static func primaryLanguage(of tag: String) -> String {
        String(tag.lowercased().prefix { $0 != "-" })
    }

    private static func isVariant(_ subtag: String) -> Bool {
        let bytes = Array(subtag.utf8)
        return (5...8).contains(bytes.count) || (bytes.count == 4 && isDigit(bytes[0]))
    }

    private static func isAlpha(_ text: String) -> Bool {
        text.utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }
}
