import Testing

@testable import PeaceTalksStore

/// The analyser on words of the seed article (../shared/seeds/astana-talks-2017-elmaouid.ar.txt) and on the
/// spellings other outlets use for them.
@Suite struct TextAnalyzerTests {
    private func terms(_ text: String) -> [String] { TextAnalyzer.terms(text) }

    @Test func alefVariants_FoldToBareAlef() {
        #expect(terms("أستانة") == terms("استانه"))
        #expect(terms("إيران") == terms("ايران"))
        #expect(terms("آستانة") == terms("استانة"))
        #expect(terms("ٱلأمم") == terms("الامم"))
        #expect(terms("الإجتماع") == terms("الاجتماع"), "the article spells الإجتماع with hamza")
    }

    @Test func alefMaqsuraAndTaMarbuta_Fold() {
        #expect(terms("فى") == terms("في"))
        #expect(terms("دى ميستورا") == terms("دي ميستورا"))
        #expect(terms("الكازخستانى") == terms("الكازخستاني"))
        #expect(terms("الهدنة") == terms("الهدنه"))
    }

    @Test func tashkeelAndTatweel_AreRemoved_WithoutSplittingTheWord() {
        #expect(terms("المُحَادَثَاتُ") == terms("المحادثات"))
        #expect(terms("مُحادثات") == ["محادث"])
        #expect(terms("محـــادثات") == terms("محادثات"))
        #expect(terms("وَقْفُ إِطْلَاقِ النَّارِ") == terms("وقف إطلاق النار"))
    }

    @Test func digits_FoldToASCII() {
        #expect(terms("٢٠١٧") == ["2017"])
        #expect(terms("۲۰۱۷") == ["2017"])
        #expect(terms("700 ألف دولار") == terms("٧٠٠ الف دولار"))
    }

    @Test func arabicPrefixes_AreStripped() {
        #expect(terms("المحادثات") == terms("محادثات"))
        #expect(terms("والمعارضة") == terms("معارضة"))
        #expect(terms("بالعاصمة") == terms("عاصمة"))
        #expect(terms("للمباحثات") == terms("مباحثات"))
        #expect(terms("وانطلقت") == terms("انطلقت"))
        #expect(terms("الجعفري") == terms("جعفري"))
        #expect(terms("كالعادة") == terms("عادة"))
        #expect(terms("فالمفاوضات") == terms("مفاوضات"))
    }

    @Test func arabicSuffixes_AreStripped_KeepingTwoLetters() {
        #expect(terms("محادثات") == ["محادث"])
        #expect(terms("السورية") == terms("سوري"))
        #expect(terms("السوريين") == terms("سوريين"))
        #expect(terms("ختامها") == ["ختام"])
        #expect(terms("بلاده") == ["بلاد"])
        #expect(terms("الجعفرى") == ["جعفر"])
        #expect(terms("فى") == ["في"], "a stem keeps at least two letters")
        #expect(terms("وقف") == ["وقف"], "a lone و is kept when only two letters would stay")
        #expect(terms("وفد") == ["وفد"])
    }

    @Test func arabicPunctuationAndQuotes_Separate() {
        #expect(terms("بدأت، الإثنين") == terms("بدأت الإثنين"))
        #expect(terms("روسيا،تركيا؛إيران؟") == terms("روسيا تركيا إيران"))
        #expect(terms("“تعزيز”") == ["تعزيز"])
        #expect(terms("محادثات ” أستانة ”") == terms("محادثات أستانة"))
        #expect(terms("«هدنة»") == terms("هدنة"))
        #expect(terms("المسلحة.وكشف") == terms("المسلحة وكشف"), "the article's run-together sentences")
        #expect(terms("للسلام…. محادثات") == terms("للسلام محادثات"))
    }

    @Test func mixedScripts_Split() {
        #expect(terms("2017م") == ["2017", "م"])
        #expect(terms("UNالأمم") == ["un", "امم"])
        #expect(terms("الأممUN") == ["امم", "un"], "Latin after Arabic letters ends the Arabic word")
        #expect(terms("م2017 x") == ["م", "2017", "x"])
        #expect(terms("G20") == ["g20"], "Latin letters and digits stay together")
    }

    /// Words far longer than the analyser's first buffers come out whole.
    @Test func longWords_AreKeptWhole() {
        let latin = String(repeating: "Ab", count: 300)
        #expect(terms(latin + " x") == [latin.lowercased(), "x"])
        let arabic = String(repeating: "سلم", count: 100)
        #expect(terms("x " + arabic) == ["x", arabic])
    }

    @Test func latin_IsCaseAndDiacriticFolded() {
        #expect(terms("António Guterres") == terms("antonio guterres"))
        #expect(terms("Türkiye") == ["turkiye"])
        #expect(terms("Négociations") == terms("negociation"))
        #expect(terms("Straße") == ["strasse"])
        #expect(terms("ＡＢＣ") == ["abc"], "NFKC folds full-width letters")
        #expect(terms("ﻻ") == ["لا"], "NFKC folds Arabic presentation forms")
    }

    @Test func english_IsLightlyStemmed() {
        #expect(terms("talks") == ["talk"])
        #expect(terms("Talks talking talked") == ["talk", "talk", "talk"])
        #expect(terms("parties") == ["party"])
        #expect(terms("processes") == ["process"])
        #expect(terms("negotiations") == ["negotiation"])
        #expect(terms("planned") == ["plan"])
        #expect(terms("related relates") == ["relate", "relate"])
        #expect(terms("ceasefires") == terms("ceasefire"))
        #expect(terms("process") == ["process"], "no -s is taken from -ss")
    }

    @Test func apostrophes_JoinNamesAndDropPossessives() {
        #expect(terms("Ja'afari") == terms("Jaafari"))
        #expect(terms("Kazakhstan's efforts") == terms("Kazakhstan efforts"))
        #expect(terms("Russia’s") == ["russia"])
        #expect(terms("the parties' talks") == ["the", "party", "talk"])
    }

    @Test func tokens_KeepTheirOriginalUTF8Ranges() {
        let text = "وكشف نائب وزير الخارجية الكازخستانى رومان فاسيلينكو، امس: Vassilenko's “talks”"
        let tokens = TextAnalyzer.tokens(text)
        let utf8 = Array(text.utf8)
        #expect(
            tokens.map { String(decoding: utf8[$0.start..<$0.end], as: UTF8.self) } == [
                "وكشف", "نائب", "وزير", "الخارجية", "الكازخستانى", "رومان", "فاسيلينكو", "امس", "Vassilenko's",
                "talks",
            ])
    }

    @Test func tokenStream_FoldsAcrossScalarsThatExpand() {
        #expect(terms("ﷺ").isEmpty == false, "a ligature folds to several letters")
        #expect(terms("⑵x") == ["2", "x"], "a scalar folding to ( 2 ) ends and starts words inside it")
    }
}
