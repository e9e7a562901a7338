import Testing

@testable import PeaceTalksModel

@Suite struct ValidationRulesTests {
    /// The ASCII check reads eight bytes at a time: a composable pair anywhere, in the body or the tail of the
    /// scan, must still be normalised; ASCII strings come back as they are.
    @Test func nfc_ComposesAtEveryPosition_AndKeepsASCII() {
        for length in 0..<20 {
            let ascii = String(repeating: "a", count: length)
            #expect(ascii.isASCII && ascii.nfc == ascii)
            for position in 0...length {
                var scalars = Array(ascii.unicodeScalars)
                scalars.insert(contentsOf: ["e", "\u{301}"], at: position)
                let decomposed = String(String.UnicodeScalarView(scalars))
                #expect(!decomposed.isASCII)
                #expect(Array(decomposed.nfc.unicodeScalars) == Array((ascii.prefix(position) + "\u{E9}"
                    + ascii.dropFirst(position)).unicodeScalars))
            }
        }
        #expect(!"دي ميستورا".isASCII)
    }

    @Test func languageTags() {
        for good in [
            "ar", "en", "en-GB", "zh-Hant-TW", "ar-SY", "EN-gb", "sr-Latn-RS", "de-CH-1996", "x-klingon",
            "es-419", "en-US-x-twain", "ar-u-nu-arab",
        ] {
            #expect(LanguageTag.isWellFormed(good), "\(good)")
        }
        for bad in ["", "e", "english-GB", "en_GB", "en-", "-en", "en--GB", "ar-SY-", "123", "en-x", "ع"] {
            #expect(!LanguageTag.isWellFormed(bad), "\(bad)")
        }
    }

    @Test func countryCodes() {
        for code in ["KZ", "SY", "CH", "RU", "TR", "IR", "US"] { #expect(CountryCode.isAssigned(code)) }
        for code in ["kz", "XX", "UK", "EU", "KAZ", ""] { #expect(!CountryCode.isAssigned(code)) }
    }

    @Test func urls() {
        #expect(WebURL.isAbsoluteHTTP("https://www.elmaouid.com/news/1"))
        #expect(WebURL.isAbsoluteHTTP("HTTP://example.org"))
        for bad in ["ftp://a.b", "/relative", "https://", "https:///path", "http://a b", "example.org", "mailto:x@y"] {
            #expect(!WebURL.isAbsoluteHTTP(bad), "\(bad)")
        }
    }

    @Test func resourceIDs() {
        #expect(ResourceID("staffan-de-mistura") != nil)
        #expect(ResourceID("0abc") != nil)
        #expect(ResourceID(String(repeating: "a", count: 64)) != nil)
        for bad in ["", "-a", "Abc", "a_b", "é", String(repeating: "a", count: 65)] { #expect(ResourceID(bad) == nil) }
    }
}
