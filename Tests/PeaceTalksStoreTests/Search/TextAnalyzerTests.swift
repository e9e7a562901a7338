import Testing

@testable import PeaceTalksStore

@Suite struct TextAnalyzerTests {
    private func terms(_ text: String) -> [String] { TextAnalyzer.terms(text) }

    @Test func arabicSpellingVariants_Match() {
        #expect(terms("دي ميستورا") == terms("دى ميستورا"))
        #expect(terms("المحادثات") == terms("محادثات"))
        #expect(terms("أستانا") == terms("استانا"))
        #expect(terms("إيران") == terms("ايران"))
        #expect(terms("آستانة") == terms("استانه"))
        #expect(terms("مُحَادَثَات") == terms("محادثات"), "tashkeel is removed")
        #expect(terms("محـــادثات") == terms("محادثات"), "tatweel is removed")
        #expect(terms("والمعارضة") == terms("المعارضة"))
    }

    @Test func arabicPunctuationAndQuotes_Separate() {
        #expect(terms("روسيا،تركيا؛إيران؟«هدنة»“وقف”").count == 5)
    }

    @Test func digitsFoldToASCII() {
        #expect(terms("٢٠١٧") == ["2017"])
        #expect(terms("۲۰۱۷") == ["2017"])
    }

    @Test func latinIsCaseAndDiacriticFolded_AndLightlyStemmed() {
        #expect(terms("Talks") == terms("talk"))
        #expect(terms("Négociations") == terms("negociation"))
        #expect(terms("parties") == terms("party"))
        #expect(terms("processes") == terms("process"))
        #expect(terms("talking talked") == ["talk", "talk"])
        #expect(terms("Straße") == ["strasse"])
        #expect(terms("ＡＢＣ") == ["abc"], "NFKC folds full-width letters")
    }

    @Test func tokensKeepTheirOriginalUTF8Ranges() {
        let text = "قال دى ميستورا: talks"
        let tokens = TextAnalyzer.tokens(text)
        let utf8 = Array(text.utf8)
        #expect(
            tokens.map { String(decoding: utf8[$0.start..<$0.end], as: UTF8.self) } == [
                "قال", "دى", "ميستورا", "talks",
            ])
    }

    @Test func parsedSearch_ReadsPhrasesAndExclusions() {
        let parsed = ParsedSearch(#"astana "cease fire" -geneva -"de mistura" وقف"#)
        #expect(parsed.required == ["astana", "وقف"])
        #expect(parsed.phrases == [["cease", "fire"]])
        #expect(parsed.excluded == ["geneva"])
        #expect(parsed.excludedPhrases == [["de", "mistura"]])
    }

    @Test func snippet_MarksMatchesInTheOriginalText_AndEscapesHTML() {
        let fields = [SearchField(text: "Talks <b>in</b> Astana & Geneva", weight: 1)]
        let snippet = Snippet.make(fields: fields, terms: Set(TextAnalyzer.terms("talk astana")))
        #expect(snippet == "<mark>Talks</mark> &lt;b&gt;in&lt;/b&gt; <mark>Astana</mark> &amp; Geneva")
        let arabic = [SearchField(text: "قال دى ميستورا إن المحادثات", weight: 1)]
        #expect(
            Snippet.make(fields: arabic, terms: Set(TextAnalyzer.terms("دي محادثات")))
                == "قال <mark>دى</mark> ميستورا إن <mark>المحادثات</mark>")
    }

    @Test func snippet_CutsLongTextsAroundTheFirstMatch() throws {
        let words = (0..<100).map { "w\($0)" }
        let text = words.joined(separator: " ")
        let snippet = try #require(
            Snippet.make(fields: [SearchField(text: text, weight: 1)], terms: Set(TextAnalyzer.terms("w50"))))
        #expect(snippet.hasPrefix("…w42 ") && snippet.hasSuffix("w71…"))
        #expect(snippet.contains("<mark>w50</mark>"))
    }
}
