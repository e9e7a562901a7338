/// The words that introduce speech, for `StatementCandidateFinder`.
enum SpeechLexicon {
    /// Arabic speech verbs, in `normalized` form: perfect (masculine, feminine, plural), imperfect, verbal noun
    /// with pronoun (`قوله`) and the active participles newspapers use to chain statements (`مشيرا`, `مؤكدا`).
    /// A `و` or `ف` prefix is accepted on each.
    static let arabicVerbs: Set<String> = [
        "قال", "قالت", "قالوا", "يقول", "تقول", "قائلا", "قائله", "قوله", "قولها",
        "اكد", "اكدت", "اكدوا", "يؤكد", "تؤكد", "مؤكدا", "مؤكده",
        "اضاف", "اضافت", "اضافوا", "يضيف", "تضيف", "مضيفا", "مضيفه",
        "اعرب", "اعربت", "اعربوا", "معربا", "معربه",
        "اشار", "اشارت", "اشاروا", "يشير", "تشير", "مشيرا", "مشيره",
        "كشف", "كشفت", "كشفوا", "كاشفا", "كاشفه",
        "شدد", "شددت", "شددوا", "مشددا", "مشدده",
        "اوضح", "اوضحت", "اوضحوا", "موضحا", "موضحه",
        "صرح", "صرحت", "صرحوا", "مصرحا",
        "لفت", "لفتت", "لافتا", "لافته",
        "اعتبر", "اعتبرت", "اعتبروا", "معتبرا", "معتبره",
        "راي", "رات", "راوا",
        "نوه", "نوهت", "منوها",
        "دعا", "دعت", "دعوا", "داعيا",
        "اعلن", "اعلنت", "اعلنوا", "معلنا", "معلنه",
        "تمني", "تمنت", "متمنيا", "متمنيه",
    ]
    /// Arabic verbs that are speech only with a `و`/`ف` prefix (`وعبر عن`; bare `عبر` is also "via").
    static let arabicPrefixedOnlyVerbs: Set<String> = ["عبر", "عبرت"]
    /// Arabic participles and verbal nouns that continue the previous speaker's words (`…، مشيرا إلى أن`).
    static let arabicContinuations: Set<String> = [
        "قائلا", "قائله", "مؤكدا", "مؤكده", "مضيفا", "مضيفه", "معربا", "مشيرا", "مشيره", "كاشفا", "مشددا", "موضحا",
        "موضحه", "مصرحا", "لافتا", "لافته", "معتبرا", "منوها", "داعيا", "معلنا", "متمنيا", "متمنيه",
    ]
    /// Words that open reported speech (`أن`, `إن`, `أنه`…, normalised), kept at the start of the text.
    static let arabicComplementizers: Set<String> = [
        "ان", "انه", "انها", "انهم", "انهما", "بان", "بانه", "بانها",
    ]
    /// English speech verbs.
    static let englishVerbs: Set<String> = [
        "said", "says", "say", "told", "tells", "added", "adds", "stressed", "noted", "warned", "announced",
        "declared", "insisted", "explained", "argued", "urged", "claimed", "cautioned", "stated", "emphasised",
        "emphasized", "confirmed", "underlined", "asserted", "reiterated",
    ]
    /// English subjects that stand for the previous speaker.
    static let englishCarryOver: Set<String> = ["he", "she", "they", "and", "but", "also", "later", "then"]

    /// `word` without Arabic diacritics and tatweel, with `أ إ آ ٱ` → `ا`, `ى` → `ي`, `ة` → `ه`; Latin lower-cased.
    static func normalized(_ word: Substring) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            switch scalar.value {
            case 0x064B...0x065F, 0x0670, 0x0640: continue
            case 0x0623, 0x0625, 0x0622, 0x0671: scalars.append("\u{0627}")
            case 0x0649: scalars.append("\u{064A}")
            case 0x0629: scalars.append("\u{0647}")
            default: scalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return String(scalars)
    }

    /// Whether the normalised Arabic `word` is a speech verb, with or without a `و`/`ف` prefix.
    static func isArabicVerb(_ word: String) -> Bool {
        if arabicVerbs.contains(word) { return true }
        guard let first = word.first, first == "و" || first == "ف", word.count > 3 else { return false }
        let rest = String(word.dropFirst())
        return arabicVerbs.contains(rest) || arabicPrefixedOnlyVerbs.contains(rest)
    }

    /// `word` without a `و`/`ف` prefix when the rest is a speech verb.
    static func arabicStem(_ word: String) -> String {
        guard !arabicVerbs.contains(word), let first = word.first, first == "و" || first == "ف" else { return word }
        return String(word.dropFirst())
    }
}
