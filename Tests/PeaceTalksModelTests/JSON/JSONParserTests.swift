import Testing

@testable import PeaceTalksModel

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParseError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func parsesEveryType_KeepingMemberOrder() throws {
        let value = try parse(#"{"b": [1, -2.5, true, false, null], "a": "x\u00e9\ud83d\ude00\n", "c": {}}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["b"] == [1, -2.5, true, false, nil])
        #expect(object["a"] == .string("xé😀\n"))
        #expect(object["c"] == .object(JSONObject()))
    }

    @Test(arguments: [
        ("", 0), ("{", 1), (#"{"a":1,}"#, 7), ("[1 2]", 3), (#"{"a":1}x"#, 7), ("01", 1), ("1.", 2),
        (#""\x""#, 2), ("tru", 0), (#"{"a":1,"a":2}"#, 7), ("\"a\u{01}\"", 2), (#""\ud800""#, 7),
    ])
    func rejectsMalformedJSON_WithPosition(text: String, offset: Int) {
        #expect(throws: JSONParseError.self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
        }
    }

    @Test func rejectsInvalidUTF8() {
        for bytes: [UInt8] in [
            [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22],
            [0x22, 0xFF, 0x22], [0xEF, 0xBB, 0xBF, 0x7B, 0x7D],
        ] {
            #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
        }
    }

    @Test func rejectsNestingDeeperThanTheLimit() throws {
        let ok = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        _ = try parse(ok)
        let deep = "[" + ok + "]"
        #expect(throws: JSONParseError.self) { try parse(deep) }
        let veryDeep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try parse(veryDeep) }
    }

    @Test func rejectsNumbersOutOfRange() {
        #expect(throws: JSONParseError.self) { try parse("1e400") }
        #expect(throws: JSONParseError.self) { try parse("-" + String(repeating: "9", count: 400)) }
    }

    @Test func parseObject_RejectsTopLevelNonObject() {
        #expect(throws: JSONParseError.self) { try JSONParser.parseObject(Array("[1]".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parseObject(Array("\"x\"".utf8)) }
    }
}
