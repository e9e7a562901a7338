import Foundation
import Testing

@testable import ArticleExtraction

struct ArticleExtractorTests {
    private static func time(_ text: String) -> Date? { PublicationTime.parse(text) }

    @Test func arabicPage_InWindows1256_IsDecodedAndExtracted() throws {
        let article = ArticleExtractor.extract(
            try FixturePages.bytes("elmaouid-astana.html"), contentType: "text/html",
            pageURL: "http://127.0.0.1:8080/international/astana")
        let seedTitle = "من أجل\u{A0} تعزيز الهدنة السارية وإعادة بعث مفاوضات جنيف للسلام…. "
            + "محادثات ” أستانة ” طريق سوريا إلى بر الأمان"
        #expect(article.encoding == .windows1256)
        #expect(article.title == seedTitle)
        #expect(article.body == (try FixturePages.expectedText("elmaouid-astana.html")))
        #expect(article.publishedAt == Self.time("2017-01-24T08:00:00Z"))
        #expect(article.author == nil)
        #expect(article.section == "دولي")
        #expect(article.canonicalURL == "https://www.elmaouid.com/international/astana-talks-syria-road-to-safety/")
        #expect(article.language == "ar")
        #expect(article.siteName == "الموعد اليومي")
    }

    @Test func englishPage_IsExtracted_TitleWithoutSiteName() throws {
        let article = ArticleExtractor.extract(
            try FixturePages.bytes("caspian-ledger-astana.html"), contentType: "text/html; charset=utf-8",
            pageURL: "https://www.caspianledger.example/world/2017/01/23/syria-talks-open-in-astana?utm_source=x")
        #expect(article.encoding == .utf8)
        #expect(article.title == "Syria talks open in Astana with Russia, Turkey and Iran as guarantors")
        #expect(article.body == (try FixturePages.expectedText("caspian-ledger-astana.html")))
        #expect(article.publishedAt == Self.time("2017-01-23T11:45:00Z"))
        #expect(article.author == "Dana Whitfield")
        #expect(article.section == "World")
        #expect(article.canonicalURL == "https://www.caspianledger.example/world/2017/01/23/syria-talks-open-in-astana")
        #expect(article.language == "en-GB")
    }

    @Test func wrongDeclaredCharset_IsOverruled() throws {
        let article = ArticleExtractor.extract(
            try FixturePages.bytes("wrong-charset.html"), contentType: "text/html", pageURL: "http://127.0.0.1/w")
        #expect(article.encoding == .windows1256)
        #expect(article.title == "تأجيل مفاوضات جنيف حول سوريا إلى العشرين من فيفري")
        #expect(article.body == (try FixturePages.expectedText("wrong-charset.html")))
        #expect(article.publishedAt == Self.time("2017-01-31T00:00:00Z"))
        #expect(article.author == "قسم الأخبار الدولية")
        #expect(article.canonicalURL == nil)
        #expect(article.language == "ar")
    }

    @Test func fallbacks_H1Title_ScriptLanguage_JSONLDAuthorAndSection() {
        let html = """
            <html><head><script type="application/ld+json">{"@graph": [{"@type": "WebSite"},
            {"@type": ["NewsArticle"], "datePublished": "2017-01-23 10:00", "author": {"name": "Lina Haddad"},
            "articleSection": "Syria"}]}</script></head>
            <body><h1>محادثات أستانة</h1>
            <div><p>بدأت المحادثات في أستانة بين الحكومة والمعارضة، برعاية روسيا وتركيا وإيران.</p></div>
            <p>Text <a rel="author" href="/x">Not used</a></p></body></html>
            """
        let article = ArticleExtractor.extract(html: html, pageURL: "http://example.test/a", encoding: .utf8)
        #expect(article.title == "محادثات أستانة")
        #expect(article.language == "ar")
        #expect(article.author == "Lina Haddad")
        #expect(article.section == "Syria")
        #expect(article.publishedAt == Self.time("2017-01-23T10:00:00Z"))
        #expect(article.body.hasPrefix("بدأت المحادثات"))
    }

    @Test func titleCleaner_StripsSiteNames() {
        let cases: [(String, String?, String?, String)] = [
            ("Talks open in Astana - El Maouid", nil, "www.elmaouid.com", "Talks open in Astana"),
            ("Talks open in Astana | The Caspian Ledger", "The Caspian Ledger", nil, "Talks open in Astana"),
            ("Talks open in Astana – Reuters", nil, "example.test", "Talks open in Astana"),
            ("محادثات أستانة — الموعد اليومي", "الموعد اليومي", nil, "محادثات أستانة"),
            ("Ceasefire - what the deal in Astana means for Syrians now", nil, "example.test",
             "Ceasefire - what the deal in Astana means for Syrians now"),
            ("Astana", nil, nil, "Astana"),
        ]
        for (title, site, host, expected) in cases {
            #expect(TitleCleaner.strippingSiteName(title, siteName: site, host: host) == expected, "\(title)")
        }
    }

    @Test func publicationTimes_AreNormalisedToUTC() {
        let expected = Self.time("2017-01-24T08:00:00Z")
        #expect(expected != nil)
        for text in [
            "2017-01-24T08:00:00Z", "2017-01-24T09:00:00+01:00", "2017-01-24T09:00:00.250+0100", "2017-01-24 08:00",
            " 2017-01-24T03:00:00-05:00 ", "2017-01-24t08:00:00z",
        ] {
            #expect(PublicationTime.parse(text) == expected, "\(text)")
        }
        #expect(PublicationTime.parse("2017-01-24") == Self.time("2017-01-24T00:00:00Z"))
        for bad in ["", "24/01/2017", "2017-13-01", "2017-01-24T25:00", "2017-01-24T08:00:00Zjunk"] {
            #expect(PublicationTime.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func canonicalURLs_AreResolvedAgainstThePage() {
        #expect(ArticleExtractor.resolve("/a/b#top", against: "https://x.test/c/d") == "https://x.test/a/b")
        #expect(ArticleExtractor.resolve("e", against: "https://x.test/c/d") == "https://x.test/c/e")
        #expect(ArticleExtractor.resolve("//y.test/f", against: "http://x.test/") == "http://y.test/f")
        #expect(ArticleExtractor.resolve("javascript:void(0)", against: "http://x.test/") == nil)
        #expect(ArticleExtractor.resolve("  ", against: "http://x.test/") == nil)
    }
}
