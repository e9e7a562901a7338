import Foundation
import PeaceTalksModel

/// Per-scalar search normalisation (API.md "Search"): NFKC, case folding, Latin diacritics folded, Arabic
/// tashkeel and tatweel removed, `أ إ آ ٱ` → `ا`, `ى` → `ي`, `ة` → `ه`, Arabic-Indic digits → ASCII.
/// An empty result means "ignore this scalar" (marks, zero-width joiners).
enum ScalarFolding {
    /// The folded scalars of `scalar`.
    static func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        let value = Int(scalar.value)
        if value < 0x80 {
            return (0x41...0x5A).contains(value) ? [Unicode.Scalar(UInt8(value) | 0x20)] : [scalar]
        }
        if value < tableLimit { return table[value] }
        if (0xF900...0xFFFF).contains(value) { return compute(scalar) }  // compatibility and presentation forms
        return [scalar]
    }

    /// Scalars below this are folded through a table built once.
    private static let tableLimit = 0x3000

    private static let table: [[Unicode.Scalar]] = (0..<tableLimit).map { value in
        Unicode.Scalar(UInt32(value)).map(compute) ?? []
    }

    private static func compute(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if let arabic = foldArabic(scalar) { return arabic }
        if let special = LatinLetters.transliterations[scalar] { return Array(special.unicodeScalars) }
        switch scalar.value {
        case 0x200B...0x200F, 0x00AD, 0x2060, 0xFEFF: return []  // zero-width characters, soft hyphen
        default: break
        }
        var result: [Unicode.Scalar] = []
        for decomposed in String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars {
            if decomposed.properties.generalCategory == .nonspacingMark { continue }
            if let arabic = foldArabic(decomposed) {
                result += arabic
            } else {
                result += String(decomposed).lowercased().unicodeScalars
            }
        }
        return result
    }

    /// Arabic-block rules; `nil` for scalars outside them.
    private static func foldArabic(_ scalar: Unicode.Scalar) -> [Unicode.Scalar]? {
        switch scalar.value {
        case 0x0622, 0x0623, 0x0625, 0x0671: return ["\u{0627}"]  // آ أ إ ٱ → ا
        case 0x0649, 0x06CC: return ["\u{064A}"]  // ى and Persian ی → ي
        case 0x0629: return ["\u{0647}"]  // ة → ه
        case 0x0640: return []  // tatweel
        case 0x064B...0x065F, 0x0670, 0x06D6...0x06ED: return []  // tashkeel and Quranic marks
        case 0x0660...0x0669: return [Unicode.Scalar(scalar.value - 0x0660 + 0x30)!]
        case 0x06F0...0x06F9: return [Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!]
        case 0x0600...0x06FF: return [scalar]  // everything else of the block stays (ؤ ئ ء …)
        default: return nil
        }
    }
}
