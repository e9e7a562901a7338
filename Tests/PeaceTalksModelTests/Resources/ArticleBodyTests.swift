import Testing

@testable import PeaceTalksModel

@Suite struct ArticleBodyTests {
    /// Bodies whose JSON literals take every form the writer produces: plain, escaped, non-ASCII, long.
    static let bodies = [
        "", "plain", #"quote " backslash \ slash /"#, "lines\nand\r\ttabs\u{8}\u{C}", "nul \u{0} and \u{1F}",
        "وقف إطلاق النار — cessez-le-feu, 停火 😀", String(repeating: "word \"x\"\n", count: 500),
    ]

    private func article(body: String, title: String = "T \"quoted\" \\") -> Article {
        Article(id: "a1", title: title, body: body, language: "en", url: "https://example.org/1")
    }

    /// `article` with its body kept in its own JSON.
    private func kept(_ article: Article) -> Article {
        var kept = article
        kept.keepBody(in: article.jsonValue.encoded())
        return kept
    }

    @Test(arguments: bodies)
    func bodyKeptInJSON_ReadsBackExactly(body: String) throws {
        let article = kept(article(body: body))
        #expect(article.bodyStorage.json != nil)
        #expect(article.body == body)
        #expect(article.body.unicodeScalars.elementsEqual(body.unicodeScalars))
        #expect(article.excerpt == self.article(body: body).excerpt)
        #expect(article.jsonValue.encoded() == self.article(body: body).jsonValue.encoded())
    }

    @Test(arguments: bodies + [String(repeating: "وقف \"النار\"\n", count: 40)])
    func listItemJSON_SplicedFromTheJSON_EqualsTheEncodedListItem(body: String) throws {
        let article = article(body: body)
        let spliced = try #require(article.listItemJSON(from: article.jsonValue.encoded()))
        #expect(spliced == article.jsonValue(excerptInsteadOfBody: true).encoded())
        #expect(article.listItemJSON(from: Array(#"{"id":"a1","body":1}"#.utf8)) == nil)
    }

    @Test func bodyKeptInJSON_SharesTheJSONBuffer() throws {
        let plain = article(body: "text")
        let json = plain.jsonValue.encoded()
        var article = plain
        article.keepBody(in: json)
        let kept = try #require(article.bodyStorage.json)
        #expect(kept.withUnsafeBufferPointer(\.baseAddress) == json.withUnsafeBufferPointer(\.baseAddress))
    }

    @Test func articles_AreEqualByBodyText_WhateverTheStorage() {
        let plain = article(body: "same \"text\"\n")
        let inJSON = kept(plain)
        #expect(inJSON == plain)
        #expect(inJSON.hashValue == plain.hashValue)
        #expect(Set([plain, inJSON]).count == 1)
        #expect(kept(article(body: "other")) != plain)
    }

    @Test func settingTheBody_StoresTheNewText() {
        var article = kept(article(body: "old"))
        article.body = "new \"body\""
        #expect(article.bodyStorage.json == nil)
        #expect(article.body == "new \"body\"")
        #expect(article == self.article(body: "new \"body\""))
    }

    @Test func keepBody_LeavesTheBody_WhenTheJSONHasAnotherShape() {
        for json in [#"{"id":"a1","body":1}"#, #"{"id":"a1","title":"T"}"#, "[]", "", #"{"id":"a1","title":"#] {
            var article = article(body: "text")
            article.keepBody(in: Array(json.utf8))
            #expect(article.bodyStorage.json == nil, "\(json)")
            #expect(article.body == "text")
        }
    }
}
