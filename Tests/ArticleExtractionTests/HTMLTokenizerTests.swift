import Testing

@testable import ArticleExtraction

struct HTMLTokenizerTests {
    private static func tokens(_ html: String) -> [HTMLToken] { Array(HTMLTokenizer(html)) }

    private static func tag(_ name: String, _ attributes: [(String, String)] = [], selfClosing: Bool = false)
        -> HTMLToken
    {
        .startTag(HTMLTag(name: name, attributes: attributes.map { HTMLAttribute(name: $0, value: $1) },
            selfClosing: selfClosing))
    }

    @Test func attributes_QuotedUnquotedAndBare() {
        #expect(Self.tokens(#"<A HREF="/x?a=1&amp;b=2" class='k l' data-x=y disabled id=z/>"#) == [
            Self.tag("a", [("href", "/x?a=1&b=2"), ("class", "k l"), ("data-x", "y"), ("disabled", ""), ("id", "z/")])
        ])
        #expect(Self.tokens("<img src=a.png alt=\"\" />") == [Self.tag("img", [("src", "a.png"), ("alt", "")],
            selfClosing: true)])
        #expect(Self.tokens("<p class=a class=b>") == [Self.tag("p", [("class", "a")])])
    }

    @Test func commentsDoctypeCDATAAndProcessingInstructions() {
        #expect(Self.tokens("<!DOCTYPE html><!-- a <p> b -->x<![CDATA[<y>]]><?xml v?>") == [
            .doctype, .comment(" a <p> b "), .text("x"), .text("<y>"), .comment(""),
        ])
        #expect(Self.tokens("a<!-- never closed") == [.text("a"), .comment(" never closed")])
    }

    @Test func rawTextElements_KeepMarkupAsText() {
        #expect(Self.tokens("<script>if (a < b && c) { x = '</p>'; }</script><p>") == [
            Self.tag("script"), .text("if (a < b && c) { x = '</p>'; }"), .endTag("script"), Self.tag("p"),
        ])
        #expect(Self.tokens("<title>A &amp; B <b></title >") == [
            Self.tag("title"), .text("A & B <b>"), .endTag("title"),
        ])
        #expect(Self.tokens("<style>a{}</STYLE>") == [Self.tag("style"), .text("a{}"), .endTag("style")])
        #expect(Self.tokens("<script>unterminated") == [Self.tag("script"), .text("unterminated")])
    }

    @Test func characterReferences_NamedNumericAndLegacy() {
        let cases: [(String, String)] = [
            ("&nbsp;&hellip;&laquo;&raquo;&ldquo;&rdquo;&lsquo;&rsquo;&mdash;&ndash;&copy;&reg;&apos;&quot;",
             "\u{A0}…«»“”‘’—–©®'\""),
            ("&#1587;&#x644;&#X627;&#1605", "سلام"), ("&#150;&#0;&#xD800;&#x110000;", "–\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("AT&T &amp &copy 2017 &notit; &unknown; & &#;", "AT&T & © 2017 ¬it; &unknown; & &#;"),
        ]
        for (html, text) in cases { #expect(Self.tokens(html) == [.text(text)], "\(html)") }
        #expect(Self.tokens("<a href='?x=1&copy=2&amp;y'>") == [Self.tag("a", [("href", "?x=1&copy=2&y")])])
    }

    @Test func strayAngleBrackets_AreText() {
        #expect(Self.tokens("a < b > c <3 <") == [.text("a < b > c <3 <")])
        #expect(Self.tokens("x</ y>z</>w") == [.text("x"), .comment(""), .text("z"), .comment(""), .text("w")])
        #expect(Self.tokens("<div") == [])
        #expect(Self.tokens("</DIV foo=bar>") == [.endTag("div")])
    }

    @Test func treeBuilder_ClosesImpliedElements() {
        let document = HTMLDocument(
            "<ul><li>a<li>b</ul><p>one<p>two<div>three</div></b></span><table><tr><td>x<td>y</table>")
        let names = document.nodes.map(\.name).filter { !$0.isEmpty }
        #expect(names == ["#root", "ul", "li", "li", "p", "p", "div", "table", "tr", "td", "td"])
        let paragraphs = document.elements(named: "p")
        #expect(paragraphs.map { document.text(of: $0) } == ["one", "two"])
        #expect(document.text(of: 0) == "abonetwothreexy")
    }
}
