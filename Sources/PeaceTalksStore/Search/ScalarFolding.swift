import Foundation
import PeaceTalksModel

/// Per-scalar search normalisation (API.md "Search"): NFKC, case folding, Latin diacritics folded, Arabic
/// tashkeel and tatweel removed, `أ إ آ ٱ` → `ا`, `ى` → `ي`, `ة` → `ه`, Arabic-Indic digits → ASCII.
///
/// Each scalar folds to zero or more scalars: none means "ignore, the word goes on" (marks, tatweel, zero-width
/// characters); `separator` means "a word ends here" (spaces, punctuation, symbols). Scalars below `tableLimit`
/// (Latin, Arabic, Greek, Cyrillic, Hebrew, Indic, punctuation…) are folded through a table built once, so the
/// analyser's hot path does no Unicode property lookups and no Foundation string transforms.
enum ScalarFolding {
    /// The folded scalar that stands for "not part of a word".
    static let separator: UInt32 = 0
    /// Scalars below this are folded through `table`.
    static let tableLimit: UInt32 = 0x3000

    /// Per scalar below `tableLimit`: `offset << 5 | count` into `outputs`.
    static let table: [UInt32] = tables.entries
    /// The folded scalars the table points into.
    static let outputs: [UInt32] = tables.outputs
    /// Per ASCII byte, its one folded scalar (`separator` for punctuation, spaces and controls), as the table
    /// gives it.
    static let asciiFolds: [UInt8] = (0..<128).map { byte in
        let entry = table[byte]
        precondition(entry & 31 == 1 && outputs[Int(entry >> 5)] < 0x80, "ASCII folds to one ASCII scalar")
        return UInt8(outputs[Int(entry >> 5)])
    }

    private static let tables: (entries: [UInt32], outputs: [UInt32]) = {
        var entries: [UInt32] = []
        var outputs: [UInt32] = []
        entries.reserveCapacity(Int(tableLimit))
        for value in 0..<tableLimit {
            let folded = Unicode.Scalar(value).map(compute) ?? [separator]
            precondition(folded.count < 32)
            entries.append(UInt32(outputs.count) << 5 | UInt32(folded.count))
            outputs += folded
        }
        return (entries, outputs)
    }()

    /// The folded scalars of a scalar at or above `tableLimit` (the table covers the rest).
    static func foldRare(_ scalar: Unicode.Scalar) -> [UInt32] {
        let properties = scalar.properties
        if (0xF900...0xFFFF).contains(scalar.value) || properties.changesWhenNFKCCaseFolded {
            return compute(scalar)  // compatibility and presentation forms, full-width Latin, ligatures
        }
        return isWordScalar(scalar) ? [scalar.value] : [separator]
    }

    /// Whether a folded scalar belongs to the Arabic script (words split where the script changes).
    @inline(__always)
    static func isArabic(_ value: UInt32) -> Bool { value >= 0x0600 && value < 0x0900 }

    private static func compute(_ scalar: Unicode.Scalar) -> [UInt32] {
        if let arabic = foldArabic(scalar) { return arabic.map(word) }
        if let special = LatinLetters.transliterations[scalar] { return special.unicodeScalars.map(\.value) }
        switch scalar.value {
        case 0x200B...0x200F, 0x00AD, 0x2060, 0xFEFF, 0x034F: return []  // zero-width characters, soft hyphen
        default: break
        }
        if scalar.properties.generalCategory == .nonspacingMark { return [] }
        var result: [UInt32] = []
        for decomposed in String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars {
            if decomposed.properties.generalCategory == .nonspacingMark { continue }
            if let arabic = foldArabic(decomposed) {
                result += arabic.map(word)
                continue
            }
            for lower in String(decomposed).lowercased().unicodeScalars
            where lower.properties.generalCategory != .nonspacingMark {
                result.append(word(lower))
            }
        }
        return result
    }

    private static func word(_ scalar: Unicode.Scalar) -> UInt32 { isWordScalar(scalar) ? scalar.value : separator }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
    }

    /// Arabic-block rules; `nil` for scalars outside the block.
    private static func foldArabic(_ scalar: Unicode.Scalar) -> [Unicode.Scalar]? {
        switch scalar.value {
        case 0x0622, 0x0623, 0x0625, 0x0671: return ["\u{0627}"]  // آ أ إ ٱ → ا
        case 0x0649, 0x06CC: return ["\u{064A}"]  // ى and Persian ی → ي
        case 0x0629: return ["\u{0647}"]  // ة → ه
        case 0x0640: return []  // tatweel
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E8, 0x06EA...0x06ED:
            return []  // tashkeel and Quranic marks
        case 0x0660...0x0669: return [Unicode.Scalar(scalar.value - 0x0660 + 0x30)!]
        case 0x06F0...0x06F9: return [Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!]
        case 0x0600...0x06FF: return [scalar]  // everything else of the block stays (ؤ ئ ء …); ، ؛ ؟ separate
        default: return nil
        }
    }
}
