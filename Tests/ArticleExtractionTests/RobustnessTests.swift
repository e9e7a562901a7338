import Testing

@testable import ArticleExtraction

/// Hostile and random input: the extractor must return, never crash, and stay fast.
@Suite(.timeLimit(.minutes(1)))
struct RobustnessTests {
    /// SplitMix64, so that a failing input can be reproduced from its seed.
    private struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    private static let fragments: [String] = [
        "<", ">", "</", "<!--", "-->", "<p>", "</p>", "<div class='nav'>", "</div>", "<script>", "</script>", "&", "&#",
        "&#x", ";", "&amp", "\"", "'", "=", "<a href=", "<![CDATA[", "]]>", "<meta charset=", "windows-1256", "<br/>",
        "<li>", "<table><td>", "<title>", "</title>", "<article>", "<h1>", "{\"@type\":",
        "<script type=application/ld+json>",
        "سلام", "\u{FFFD}", " ", "\n", "<time datetime='2017-", "<html lang=", "<!DOCTYPE", "<?", "/>", "&nbsp",
    ]

    @Test func randomBytes_NeverCrash() {
        var generator = SeededGenerator(state: 6)
        for _ in 0..<300 {
            let count = Int.random(in: 0...1500, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let article = ArticleExtractor.extract(bytes, contentType: nil, pageURL: "http://x.test/")
            #expect(article.body.utf8.count <= bytes.count * 4 + 16)
        }
    }

    @Test func randomMarkupSoup_NeverCrashes() {
        var generator = SeededGenerator(state: 1256)
        for _ in 0..<300 {
            let count = Int.random(in: 0...300, using: &generator)
            let html = (0..<count).map { _ in Self.fragments.randomElement(using: &generator)! }.joined()
            for encoding in [nil, "text/html; charset=windows-1256", "text/html; charset=utf-16be"] {
                _ = ArticleExtractor.extract(Array(html.utf8), contentType: encoding, pageURL: "http://x.test/")
            }
        }
    }

    @Test func deepNestingAndHugeAttributes_StayBounded() {
        let deep = String(repeating: "<div>", count: 50_000) + "<p>deep text, with commas, here</p>"
            + String(repeating: "</div>", count: 50_000)
        let article = ArticleExtractor.extract(Array(deep.utf8), contentType: nil, pageURL: "http://x.test/")
        #expect(article.body == "deep text, with commas, here")
        let attributes = "<p " + String(repeating: "a=b ", count: 20_000) + ">text</p>"
        _ = ArticleExtractor.extract(Array(attributes.utf8), contentType: nil, pageURL: "http://x.test/")
        let manyParagraphs = String(
            repeating: "<div><p>Paragraph text, long enough to score here.</p></div>", count: 5_000)
        let many = ArticleExtractor.extract(Array(manyParagraphs.utf8), contentType: nil, pageURL: "http://x.test/")
        #expect(!many.body.isEmpty)
    }
}
