import HTTPServer
import Testing

/// The outcome of `bytes`, after checking that every way of feeding them gives the same one.
func consistentOutcome(
    of bytes: [UInt8], limits: HTTPParserLimits = HTTPParserLimits(), sourceLocation: SourceLocation = #_sourceLocation
) -> ParseOutcome {
    let whole = HTTPRequestParser.outcome(of: bytes, limits: limits)
    for feeding in HTTPRequestParser.splitFeedings(of: bytes) {
        let outcome = HTTPRequestParser.outcome(of: feeding.pieces, limits: limits)
        #expect(outcome == whole, "\(feeding.name)", sourceLocation: sourceLocation)
        if outcome != whole { break }
    }
    return whole
}

private func limits(
    headerSection: Int = 16 * 1024, headerCount: Int = 100, target: Int = 8 * 1024, body: Int = 1024 * 1024
) -> HTTPParserLimits {
    var limits = HTTPParserLimits()
    limits.maxHeaderSectionBytes = headerSection
    limits.maxHeaderCount = headerCount
    limits.maxTargetBytes = target
    limits.maxBodyBytes = body
    return limits
}

@Suite struct HTTPRequestParserLimitsTests {
    /// A GET whose head (request line through the empty line) is exactly `size` bytes.
    private func head(ofSize size: Int) -> String {
        let base = "GET / HTTP/1.1\r\nHost: h\r\nX: \r\n\r\n"
        return "GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "v", count: size - base.utf8.count) + "\r\n\r\n"
    }

    @Test func headerSection_AtTheLimit_IsAccepted_OnePastIt_Is431() {
        let limits = limits(headerSection: 64)
        #expect(head(ofSize: 64).utf8.count == 64)
        #expect(consistentOutcome(of: head(ofSize: 64).bytes, limits: limits).requests.count == 1)
        #expect(consistentOutcome(of: head(ofSize: 65).bytes, limits: limits).error == .headerSectionTooLarge)
    }

    @Test func headerSection_OverTheLimit_Is431_BeforeTheLineEnds() {
        let partial = "GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "v", count: 100)
        let outcome = HTTPRequestParser.outcome(of: Array(partial.bytes.prefix(65)), limits: limits(headerSection: 64))
        #expect(outcome.error == .headerSectionTooLarge)
        let atLimit = HTTPRequestParser.outcome(of: Array(partial.bytes.prefix(64)), limits: limits(headerSection: 64))
        #expect(atLimit == ParseOutcome(leftover: 64))
    }

    @Test func leadingEmptyLines_DoNotCountAgainstTheHeaderSection() {
        let outcome = consistentOutcome(of: ("\r\n\r\n" + head(ofSize: 64)).bytes, limits: limits(headerSection: 64))
        #expect(outcome.requests.count == 1)
    }

    @Test func target_AtTheLimit_IsAccepted_OnePastIt_Is414() {
        let limits = limits(target: 32)
        let atLimit = "/" + String(repeating: "a", count: 31)
        let request = "GET \(atLimit) HTTP/1.1\r\nHost: h\r\n\r\n"
        #expect(consistentOutcome(of: request.bytes, limits: limits).requests.map(\.path) == [atLimit])
        let tooLong = "GET \(atLimit)a HTTP/1.1\r\nHost: h\r\n\r\n"
        #expect(consistentOutcome(of: tooLong.bytes, limits: limits).error == .targetTooLong)
    }

    @Test func target_OverTheLimit_Is414_WhileStreaming() {
        let partial = "GET /" + String(repeating: "a", count: 32)
        #expect(HTTPRequestParser.outcome(of: partial.bytes, limits: limits(target: 32)).error == .targetTooLong)
        let atLimit = HTTPRequestParser.outcome(of: Array(partial.bytes.dropLast()), limits: limits(target: 32))
        #expect(atLimit.error == nil)
    }

    @Test func target_OverTheDefaultLimit_Is414_NotTheHeaderSection() {
        let request = "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: h\r\n\r\n"
        #expect(HTTPRequestParser.outcome(of: request.bytes).error == .targetTooLong)
    }

    @Test func headerCount_AtTheLimit_IsAccepted_OnePastIt_Is431() {
        let limits = limits(headerCount: 3)
        let three = "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n"
        #expect(consistentOutcome(of: three.bytes, limits: limits).requests.first?.headers.count == 3)
        let four = "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"
        #expect(consistentOutcome(of: four.bytes, limits: limits).error == .tooManyHeaders)
    }

    @Test func contentLength_AtTheLimit_IsAccepted_OnePastIt_Is413_AtHeadTime() {
        let limits = limits(body: 10)
        let atLimit = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789"
        #expect(consistentOutcome(of: atLimit.bytes, limits: limits).requests.first?.body.count == 10)
        let headOnly = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n"
        #expect(consistentOutcome(of: headOnly.bytes, limits: limits).error == .bodyTooLarge)
    }

    @Test func chunkedBody_AtTheLimit_IsAccepted_OnePastIt_Is413_AtTheChunkSize() {
        let limits = limits(body: 10)
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        let atLimit = head + "4\r\n0123\r\n6\r\n456789\r\n0\r\n\r\n"
        #expect(consistentOutcome(of: atLimit.bytes, limits: limits).requests.first?.body.count == 10)
        let overBeforeData = head + "4\r\n0123\r\n7\r\n"
        #expect(consistentOutcome(of: overBeforeData.bytes, limits: limits).error == .bodyTooLarge)
    }

    @Test func trailers_CountAgainstTheHeaderLimits() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        let oneTrailer = head + "0\r\nT: 1\r\n\r\n"
        #expect(consistentOutcome(of: oneTrailer.bytes, limits: limits(headerCount: 3)).requests.count == 1)
        let twoTrailers = head + "0\r\nT: 1\r\nU: 2\r\n\r\n"
        #expect(consistentOutcome(of: twoTrailers.bytes, limits: limits(headerCount: 3)).error == .tooManyHeaders)

        let headBytes = head.utf8.count
        let emptyTrailers = head + "0\r\n\r\n"
        let exact = limits(headerSection: headBytes)
        #expect(consistentOutcome(of: emptyTrailers.bytes, limits: exact).requests.count == 1)
        let trailerBytes = "T: 1\r\n".utf8.count
        let sized = limits(headerSection: headBytes + trailerBytes)
        #expect(consistentOutcome(of: oneTrailer.bytes, limits: sized).requests.count == 1)
        let tooSmall = limits(headerSection: headBytes + trailerBytes - 1)
        #expect(consistentOutcome(of: oneTrailer.bytes, limits: tooSmall).error == .headerSectionTooLarge)
    }

    @Test func chunkSizeLine_WithEndlessExtensions_IsRejected() {
        let request = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;"
            + String(repeating: "a", count: 5000)
        #expect(HTTPRequestParser.outcome(of: request.bytes).error == .badRequest("A chunk-size line is too long."))
    }
}
