import Testing

@testable import ArticleExtraction

struct CharsetDecoderTests {
    /// "سلام عليكم" in windows-1256 and ISO-8859-6.
    private static let salamWindows1256: [UInt8] = [0xD3, 0xE1, 0xC7, 0xE3, 0x20, 0xDA, 0xE1, 0xED, 0xDF, 0xE3]
    private static let salamISO88596: [UInt8] = [0xD3, 0xE4, 0xC7, 0xE5, 0x20, 0xD9, 0xE4, 0xEA, 0xE3, 0xE5]

    private static func html(_ head: String, _ body: [UInt8]) -> [UInt8] {
        Array("<html><head>\(head)</head><body><p>".utf8) + body + Array("</p></body></html>".utf8)
    }

    @Test func labels_FollowWHATWG() {
        let cases: [(String, TextEncoding?)] = [
            ("arabic", .iso88596), ("ISO-8859-6", .iso88596), ("asmo-708", .iso88596), ("windows-1256", .windows1256),
            ("cp1256", .windows1256), (" x-cp1256 ", .windows1256), ("latin1", .windows1252),
            ("iso-8859-1", .windows1252), ("us-ascii", .windows1252), ("utf8", .utf8), ("UTF-8", .utf8),
            ("unicode-1-1-utf-8", .utf8), ("utf-16", .utf16LE), ("utf-16be", .utf16BE), ("shift_jis", nil),
            ("", nil),
        ]
        for (label, expected) in cases { #expect(TextEncoding(label: label) == expected, "\(label)") }
    }

    @Test func singleByteTables_MatchKnownCodePoints() {
        // Spot checks against the WHATWG indexes (index-windows-1256.txt, index-iso-8859-6.txt).
        #expect(SingleByteTables.windows1256[0x81 - 0x80] == 0x067E)
        #expect(SingleByteTables.windows1256[0xA1 - 0x80] == 0x060C)
        #expect(SingleByteTables.windows1256[0xBF - 0x80] == 0x061F)
        #expect(SingleByteTables.windows1256[0xC7 - 0x80] == 0x0627)
        #expect(SingleByteTables.windows1256[0xEC - 0x80] == 0x0649)
        #expect(SingleByteTables.windows1256[0xFF - 0x80] == 0x06D2)
        #expect(SingleByteTables.iso88596[0xAC - 0x80] == 0x060C)
        #expect(SingleByteTables.iso88596[0xC7 - 0x80] == 0x0627)
        #expect(SingleByteTables.iso88596[0xF2 - 0x80] == 0x0652)
        #expect(SingleByteTables.iso88596[0xA1 - 0x80] == 0xFFFD)
        #expect(SingleByteTables.windows1252[0x80 - 0x80] == 0x20AC)
        #expect(SingleByteTables.windows1252[0x81 - 0x80] == 0x0081)
        for table in [SingleByteTables.windows1256, SingleByteTables.iso88596, SingleByteTables.windows1252] {
            #expect(table.count == 128)
        }
    }

    @Test func byteOrderMark_WinsOverEverything() {
        let utf8 = [0xEF, 0xBB, 0xBF] + Self.html("<meta charset=windows-1256>", Array("سلام".utf8))
        let page = CharsetDecoder.decode(utf8, contentType: "text/html; charset=iso-8859-6")
        #expect(page.encoding == .utf8)
        #expect(page.source == .byteOrderMark)
        #expect(page.text.contains("<p>سلام</p>"))
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("<p>سلام</p>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(CharsetDecoder.decode(utf16, contentType: nil).text == "<p>سلام</p>")
        let utf16BE: [UInt8] = [0xFE, 0xFF] + Array("<p>سلام</p>".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(CharsetDecoder.decode(utf16BE, contentType: nil).encoding == .utf16BE)
    }

    @Test func contentTypeCharset_WinsOverMeta() {
        let bytes = Self.html("<meta charset=\"windows-1256\">", Self.salamISO88596)
        let page = CharsetDecoder.decode(bytes, contentType: "text/html; charset=\"ISO-8859-6\"")
        #expect(page.encoding == .iso88596)
        #expect(page.source == .contentType)
        #expect(page.text.contains("سلام عليكم"))
    }

    @Test func metaPrescan_FindsCharsetAndHTTPEquiv() {
        let forms = [
            "<meta charset=windows-1256>", "<META CHARSET='cp1256'/>",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">",
            "<meta content='text/html;charset=x-cp1256' http-equiv='content-type'>",
            "<!-- <meta charset=utf-8> --><meta charset=windows-1256>",
            "<script src='a.js'></script><meta name=viewport content='width=device-width'><meta charset=cp1256>",
        ]
        for head in forms {
            let page = CharsetDecoder.decode(Self.html(head, Self.salamWindows1256), contentType: "text/html")
            #expect(page.encoding == .windows1256, "\(head)")
            #expect(page.text.contains("سلام عليكم"), "\(head)")
        }
        // `content` without the pragma does not count; beyond 1024 bytes is not scanned.
        #expect(MetaPrescan.encoding(in: Array("<meta content='text/html; charset=cp1256'>".utf8)[...]) == nil)
        let late = Array((String(repeating: " ", count: 1030) + "<meta charset=cp1256>").utf8)
        #expect(MetaPrescan.encoding(in: late[...]) == nil)
        #expect(MetaPrescan.encoding(in: Array("<meta charset=utf-16le>".utf8)[...]) == .utf8)
    }

    @Test func detection_TellsWindows1256FromISO88596() {
        let arabic = Array(repeating: Self.salamWindows1256 + [0x20], count: 5).flatMap { $0 }
        let page = CharsetDecoder.decode(Self.html("", arabic), contentType: "text/html")
        #expect(page.encoding == .windows1256)
        #expect(page.source == .detection)
        #expect(page.text.contains("سلام عليكم"))
        let iso = Array(repeating: Self.salamISO88596 + [0x20], count: 5).flatMap { $0 }
        #expect(CharsetDecoder.decode(Self.html("", iso), contentType: nil).encoding == .iso88596)
        #expect(CharsetDecoder.decode(Self.html("", Array("Café crème".utf8)), contentType: nil).encoding == .utf8)
        let latin: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me na".utf8) + [0xEF]
            + Array("ve".utf8)
        let latinPage = CharsetDecoder.decode(Self.html("", latin), contentType: nil)
        #expect(latinPage.encoding == .windows1252)
        #expect(latinPage.text.contains("Café crème naïve"))
    }

    @Test func wrongDeclaredUTF8_IsOverruled_WhenTheBytesAreConfidentlyArabic() {
        let arabic = Array(repeating: Self.salamWindows1256 + [0x20], count: 5).flatMap { $0 }
        let page = CharsetDecoder.decode(Self.html("<meta charset=utf-8>", arabic), contentType: "text/html")
        #expect(page.encoding == .windows1256)
        #expect(page.source == .detection)
        #expect(page.text.contains("سلام عليكم سلام"))
        // One stray byte in a UTF-8 page is not enough: the declaration stands, the byte becomes U+FFFD.
        let stray = Array("سلام عليكم سلام عليكم سلام".utf8) + [0xC7]
        let kept = CharsetDecoder.decode(Self.html("<meta charset=utf-8>", stray), contentType: nil)
        #expect(kept.encoding == .utf8)
        #expect(kept.text.contains("سلام\u{FFFD}"))
        // A declared Arabic encoding is obeyed even when the bytes would be valid UTF-8.
        let declared = CharsetDecoder.decode(Self.html("", Array("سلام".utf8)), contentType: "text/html;charset=cp1256")
        #expect(declared.encoding == .windows1256)
    }

    @Test func invalidUTF8_BecomesReplacementCharacters_AndOutputIsNFC() {
        let bytes: [UInt8] = Array("a".utf8) + [0xE2, 0x82] + Array("b".utf8) + [0xFF] + Array("e\u{301}".utf8)
        let page = CharsetDecoder.decode(bytes, contentType: "text/html; charset=utf-8")
        #expect(page.text == "a\u{FFFD}b\u{FFFD}é")
        #expect(page.text.unicodeScalars.count == 5)
    }
}
