import Testing

@testable import PeaceTalksStore

@Suite struct ParsedSearchTests {
    @Test func readsTermsPhrasesAndExclusions() {
        let parsed = ParsedSearch(#"astana "cease fire" -geneva -"de mistura" وقف"#)
        #expect(parsed.required == ["astana", "وقف"])
        #expect(parsed.phrases == [["cease", "fire"]])
        #expect(parsed.excluded == ["geneva"])
        #expect(parsed.excludedPhrases == [["de", "mistura"]])
        #expect(parsed.positiveTerms == ["astana", "وقف", "cease", "fire"])
    }

    @Test func arabicAndTypographicQuotes_MakePhrases() {
        #expect(ParsedSearch("«وقف إطلاق النار»").phrases == [TextAnalyzer.terms("وقف إطلاق النار")])
        #expect(ParsedSearch("“de Mistura”").phrases == [["de", "mistura"]])
        #expect(ParsedSearch("”de Mistura”").phrases == [["de", "mistura"]])
    }

    @Test func aWordThatAnalysesToSeveralTerms_IsAPhrase() {
        #expect(ParsedSearch("al-Jaafari").phrases == [["al", "jaafari"]])
    }

    @Test func onlyExclusions_HasNoPositiveTerm() {
        let parsed = ParsedSearch("-astana -geneva")
        #expect(parsed.positiveTerms.isEmpty && !parsed.isEmpty)
    }
}
