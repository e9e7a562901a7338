import Testing

@testable import PeaceTalksStore

@Suite struct SnippetTests {
    private func snippet(_ text: String, _ q: String) -> String? {
        Snippet.make(fields: [SearchField(text: text, field: 0)], terms: TextAnalyzer.terms(q))
    }

    @Test func marksMatchesInTheOriginalText_AndEscapesHTML() {
        #expect(
            snippet("Talks <b>in</b> Astana & \"Geneva\"", "talk astana")
                == "<mark>Talks</mark> &lt;b&gt;in&lt;/b&gt; <mark>Astana</mark> &amp; &quot;Geneva&quot;")
        #expect(
            snippet("قال دى ميستورا إن المحادثات", "دي محادثات")
                == "قال <mark>دى</mark> ميستورا إن <mark>المحادثات</mark>")
        #expect(snippet("وَقْفُ إطلاق", "وقف") == "<mark>وَقْفُ</mark> إطلاق", "tashkeel stays inside the mark")
    }

    @Test func cutsLongTextsAroundTheFirstMatch() throws {
        let text = (0..<200).map { "w\($0)" }.joined(separator: " ")
        let cut = try #require(snippet(text, "w100"))
        #expect(cut.hasPrefix("…") && cut.hasSuffix("…"))
        #expect(cut.contains("<mark>w100</mark>"))
        #expect(cut.count < 240)
        #expect(cut.contains("w92 "), "some context before the match")
    }

    @Test func prefersTheFieldWithMoreDistinctMatches() {
        let fields = [
            SearchField(text: "Astana", field: 1), SearchField(text: "Talks in Astana", field: 0),
        ]
        #expect(
            Snippet.make(fields: fields, terms: TextAnalyzer.terms("astana talk"))
                == "<mark>Talks</mark> in <mark>Astana</mark>")
    }

    @Test func isNil_WhenNothingMatches() {
        #expect(snippet("Geneva", "astana") == nil)
    }
}
