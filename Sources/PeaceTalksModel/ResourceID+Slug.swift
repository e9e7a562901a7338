import Foundation

extension ResourceID {
    /// A slug of `text` for a server-made id: Latin diacritics transliterated (`é` → `e`, `ß` → `ss`),
    /// lower case, every run of other characters → `-`, trimmed, cut to `maxLength`; `nil` when nothing is left.
    package static func slug(from text: String, maxLength: Int = ResourceID.maxLength) -> String? {
        var slug = ""
        var pendingDash = false
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let letters = LatinLetters.transliterations[scalar] ?? String(scalar).lowercased()
            for character in letters.unicodeScalars {
                if ("a"..."z").contains(character) || ("0"..."9").contains(character) {
                    if pendingDash, !slug.isEmpty { slug.append("-") }
                    pendingDash = false
                    slug.unicodeScalars.append(character)
                } else {
                    pendingDash = true
                }
            }
        }
        slug = String(slug.prefix(maxLength))
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? nil : slug
    }
}

/// Latin letters that do not decompose into a base letter and a mark, and case folds `lowercased()` leaves out:
/// shared by slugs and search normalisation.
package enum LatinLetters {
    /// Letter → ASCII transliteration (`ß` → `ss`, `ø` → `o`, `ł` → `l`).
    package static let transliterations: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
        "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
        "ı": "i", "ħ": "h", "Ħ": "h",
    ]
}
