import HTTPServer
import Testing

/// Each character-class rule, checked for every byte 0...255 (the way NIO's HTTPDecoderTest does).
@Suite struct HTTPRequestParserCharacterClassTests {
    private static let tokenCharacters = Set(
        "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    private func parses(_ bytes: [UInt8]) -> Bool {
        let outcome = HTTPRequestParser.outcome(of: bytes)
        return outcome.error == nil && outcome.requests.count == 1
    }

    @Test(arguments: 0...255)
    func methodByte_IsAccepted_OnlyWhenATokenCharacter(_ value: Int) {
        let byte = UInt8(value)
        let request = "G".bytes + [byte] + "T / HTTP/1.1\r\nHost: h\r\n\r\n".bytes
        #expect(parses(request) == Self.tokenCharacters.contains(byte))
    }

    @Test(arguments: 0...255)
    func headerNameByte_IsAccepted_OnlyWhenATokenCharacter(_ value: Int) {
        let byte = UInt8(value)
        let request = "GET / HTTP/1.1\r\nHost: h\r\nX".bytes + [byte] + "Y: v\r\n\r\n".bytes
        // A colon ends the name early and leaves a valid field.
        #expect(parses(request) == (Self.tokenCharacters.contains(byte) || byte == UInt8(ascii: ":")))
    }

    @Test(arguments: 0...255)
    func headerValueByte_IsAccepted_WhenTabSpaceVisibleOrObsText(_ value: Int) {
        let byte = UInt8(value)
        let request = "GET / HTTP/1.1\r\nHost: h\r\nX: a".bytes + [byte] + "b\r\n\r\n".bytes
        let allowed = byte == 0x09 || byte == 0x20 || (0x21...0x7E).contains(byte) || byte >= 0x80
        #expect(parses(request) == allowed)
    }

    @Test(arguments: 0...255)
    func targetByte_IsAccepted_WhenVisibleASCII(_ value: Int) {
        let byte = UInt8(value)
        let request = "GET /a".bytes + [byte] + "b HTTP/1.1\r\nHost: h\r\n\r\n".bytes
        // `%` starts an escape (`%b ` is malformed) and `#` a fragment, which a request target never holds.
        let allowed = (0x21...0x7E).contains(byte) && byte != UInt8(ascii: "%") && byte != UInt8(ascii: "#")
        #expect(parses(request) == allowed)
    }

    @Test(arguments: 0...255)
    func hostByte_IsAccepted_WhenARegNameCharacter(_ value: Int) {
        let byte = UInt8(value)
        let request = "GET / HTTP/1.1\r\nHost: a".bytes + [byte] + "b\r\n\r\n".bytes
        let regName = Set("-._~!$&'()*+,;=0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
        #expect(parses(request) == regName.contains(byte))
    }

    @Test(arguments: 0...255)
    func chunkSizeByte_IsAccepted_OnlyWhenAHexDigit(_ value: Int) {
        let byte = UInt8(value)
        let digit = Int(String(UnicodeScalar(byte)), radix: 16).flatMap { byte < 0x80 ? $0 : nil }
        // `1X` is 0x10 + X bytes when X is a hex digit: send exactly that much data.
        let request = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1".bytes + [byte]
            + "\r\n".bytes + [UInt8](repeating: 0x61, count: 0x10 + (digit ?? 0)) + "\r\n0\r\n\r\n".bytes
        #expect(parses(request) == (digit != nil))
    }
}
