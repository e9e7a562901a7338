import Testing

@testable import PeaceTalksModel

@Suite struct JSONWriterTests {
    private func text(_ value: JSONValue, pretty: Bool = false) -> String {
        String(decoding: value.encoded(pretty: pretty), as: UTF8.self)
    }

    @Test func writesUTF8AsIs_WithoutEscapingSlashOrNonASCII() {
        let value: JSONValue = ["url": "https://a.b/c", "ar": "دي ميستورا", "q": "\"\\\n\t\u{01}"]
        #expect(text(value) == #"{"url":"https://a.b/c","ar":"دي ميستورا","q":"\"\\\n\t\u0001"}"#)
    }

    @Test func writesIntegersAsIntegers() {
        #expect(text([1, -0.0, 2.5, 1e300, 9_007_199_254_740_992]) == "[1,0,2.5,1e+300,9007199254740992]")
    }

    @Test func writesPrettyWithTwoSpaceIndent() {
        let value: JSONValue = ["a": [1, 2], "b": [:], "c": []]
        #expect(text(value, pretty: true) == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": []\n}")
    }

    @Test func roundTripsThroughTheParser() throws {
        let value: JSONValue = ["x": ["y": [nil, true, "ü\u{1F600}"]], "n": -12.75]
        #expect(try JSONParser.parse(value.encoded()) == value)
        #expect(try JSONParser.parse(value.encoded(pretty: true)) == value)
    }
}
