import HTTPServer
import Testing

/// Phase, 100-continue, buffered bytes, pipelining leftovers and the sticky failure.
@Suite struct HTTPRequestParserStateTests {
    @Test func phase_FollowsTheRequest_FromIdleToHeadToBodyAndBack() throws {
        var parser = HTTPRequestParser()
        #expect(parser.phase == .idle)
        parser.append("P".bytes)
        #expect(parser.phase == .head)
        parser.append("OST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n".bytes)
        let result1 = try parser.nextRequest()
        #expect(result1 == nil)
        #expect(parser.phase == .body)
        parser.append("ab".bytes)
        let result2 = try parser.nextRequest()
        #expect(result2 == nil)
        #expect(parser.phase == .body)
        parser.append("c".bytes)
        let result3 = try parser.nextRequest()
        #expect(result3?.body == "abc".bytes)
        #expect(parser.phase == .idle)
        #expect(parser.bufferedByteCount == 0)
    }

    @Test func phase_IsHead_WhenPartOfAPipelinedRequestIsBuffered() throws {
        var parser = HTTPRequestParser()
        parser.append("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\n".bytes)
        let result4 = try parser.nextRequest()
        #expect(result4?.path == "/1")
        #expect(parser.phase == .head)
        #expect(parser.bufferedByteCount == "GET /2 HTTP/1.1\r\n".utf8.count)
        let result5 = try parser.nextRequest()
        #expect(result5 == nil)
        #expect(parser.bufferedByteCount == "GET /2 HTTP/1.1\r\n".utf8.count)
        parser.append("Host: h\r\n\r\n".bytes)
        let result6 = try parser.nextRequest()
        #expect(result6?.path == "/2")
        #expect(parser.phase == .idle)
        let result7 = try parser.nextRequest()
        #expect(result7 == nil)
    }

    @Test func bufferedByteCount_CountsTheRequestInProgress_IncludingItsParsedBytes() throws {
        var parser = HTTPRequestParser()
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"
        parser.append(head.bytes)
        let result8 = try parser.nextRequest()
        #expect(result8 == nil)
        #expect(parser.bufferedByteCount == head.utf8.count)
        parser.append("0\r\n\r\nG".bytes)
        let result9 = try parser.nextRequest()
        #expect(result9?.body == "abc".bytes)
        #expect(parser.bufferedByteCount == 1)
    }

    @Test func continueRequest_IsTrueOnce_WhileTheBodyIsMissing() throws {
        var parser = HTTPRequestParser()
        let result10 = parser.takeContinueRequest()
        #expect(!result10)
        parser.append("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".bytes)
        let result11 = parser.takeContinueRequest()
        #expect(!result11)
        let result12 = try parser.nextRequest()
        #expect(result12 == nil)
        let result13 = parser.takeContinueRequest()
        #expect(result13)
        let result14 = parser.takeContinueRequest()
        #expect(!result14)
        parser.append("ok".bytes)
        let result15 = try parser.nextRequest()
        #expect(result15?.body == "ok".bytes)
        let result16 = parser.takeContinueRequest()
        #expect(!result16)
    }

    @Test(arguments: [
        "PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n\r\n",
        "PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok",
        "PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n",
        "PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n",
    ])
    func continueRequest_IsFalse_WithoutAMissingBodyOnHTTP11(_ raw: String) throws {
        var parser = HTTPRequestParser()
        parser.append(raw.bytes)
        _ = try parser.nextRequest()
        let result17 = parser.takeContinueRequest()
        #expect(!result17)
    }

    @Test func continueRequest_ForChunkedBody_BeforeTheLastChunk() throws {
        var parser = HTTPRequestParser()
        parser.append("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-CONTINUE\r\nTransfer-Encoding: chunked\r\n\r\n".bytes)
        let result18 = try parser.nextRequest()
        #expect(result18 == nil)
        let result19 = parser.takeContinueRequest()
        #expect(result19)
    }

    @Test func failure_IsSticky_AndLaterBytesAreIgnored() {
        var parser = HTTPRequestParser()
        parser.append("GET / HTTP/1.1\r\nHost: h\r\nBad Name: x\r\n\r\n".bytes)
        #expect(throws: HTTPParseError.self) { try parser.nextRequest() }
        let first: HTTPParseError?
        do { _ = try parser.nextRequest(); first = nil } catch { first = error }
        parser.append("GET / HTTP/1.1\r\nHost: h\r\n\r\n".bytes)
        #expect(throws: first!) { try parser.nextRequest() }
        let result20 = parser.takeContinueRequest()
        #expect(!result20)
    }

    @Test func validRequests_AfterEachOther_ComeOutInOrder_WithLeftoverKept() {
        let raw = validCases.map(\.raw).joined()
        let outcome = HTTPRequestParser.outcome(of: (raw + "GET /partial").bytes)
        #expect(outcome.requests == validCases.flatMap(\.expected))
        #expect(outcome.leftover == "GET /partial".utf8.count)
    }

    @Test(.timeLimit(.minutes(1)))
    func byteByByteInput_StaysLinear_ForALargeChunkedBody() throws {
        var parser = HTTPRequestParser()
        parser.append("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n40000\r\n".bytes)
        var request: HTTPRequest?
        for byte in [UInt8](repeating: 0x61, count: 0x40000) + "\r\n0\r\n\r\n".bytes {
            parser.append([byte])
            if let next = try parser.nextRequest() { request = next }
        }
        #expect(request?.body.count == 0x40000)
        #expect(parser.bufferedByteCount == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func byteByByteInput_StaysLinear_ForALargeHead() throws {
        var parser = HTTPRequestParser()
        let head = "GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "v", count: 16_000) + "\r\n\r\n"
        var request: HTTPRequest?
        for byte in head.bytes {
            parser.append([byte])
            if let next = try parser.nextRequest() { request = next }
        }
        #expect(request?.headers["x"]?.utf8.count == 16_000)
    }
}
