import Foundation
import HTTPServer
import TestSupport
import Testing

/// Framing errors and limits: each answered with its status as problem+json and `Connection: close`, then closed.
@Suite(.timeLimit(.minutes(1)))
struct ServerLimitTests {
    private static let configuration = makeTestConfiguration {
        $0.limits.maxHeaderSectionBytes = 1024
        $0.limits.maxHeaderCount = 10
        $0.limits.maxTargetBytes = 256
        $0.limits.maxBodyBytes = 1000
    }

    /// Sends `raw`, then returns the one response and checks that the connection is closed after it.
    private func exchange(_ raw: String) throws -> HTTPTestResponse {
        try withTestServer(Self.configuration, router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send(raw)
            let response = try client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(client.waitForClose())
            return response
        }
    }

    @Test func versionOtherThan1x_Is505_ByteForByte() throws {
        try withTestServer(Self.configuration, router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send("GET / HTTP/2.0\r\nHost: x\r\n\r\n")
            let raw = String(decoding: try client.readUntilClose(), as: UTF8.self)
            let body = #"{"type":"about:blank","title":"HTTP Version Not Supported","status":505,"#
                + #""detail":"Only HTTP/1.0 and HTTP/1.1 are supported."}"#
            let withoutDate = raw.replacingOccurrences(
                of: #"Date: [A-Za-z]{3}, \d\d [A-Za-z]{3} \d{4} \d\d:\d\d:\d\d GMT\r\n"#, with: "",
                options: .regularExpression
            )
            #expect(withoutDate == "HTTP/1.1 505 HTTP Version Not Supported\r\n"
                + "Content-Type: application/problem+json\r\nContent-Length: \(body.utf8.count)\r\n"
                + "Connection: close\r\n\r\n" + body)
        }
    }

    @Test func headerSectionOverTheLimit_Is431() throws {
        let response = try exchange(request("GET", "/hello", ["X-Big: " + String(repeating: "a", count: 2000)]))
        #expect(response.status == 431)
    }

    @Test func tooManyHeaderFields_Is431() throws {
        let response = try exchange(request("GET", "/hello", (0..<20).map { "X-F\($0): v" }))
        #expect(response.status == 431)
    }

    @Test func targetOverTheLimit_Is414() throws {
        let response = try exchange(request("GET", "/" + String(repeating: "a", count: 300)))
        #expect(response.status == 414)
    }

    @Test func bodyOverTheLimit_Is413_EvenWhileTheClientKeepsSending() throws {
        let response = try exchange(request("POST", "/echo", body: String(repeating: "b", count: 5000)))
        #expect(response.status == 413)
    }

    @Test func bodyWithoutLength_Is411() throws {
        let response = try exchange("POST /echo HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.status == 411)
    }

    @Test func malformedRequestLine_Is400() throws {
        let response = try exchange("GET  /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.status == 400)
        #expect(response.text.contains(#""status":400"#))
    }

    @Test func contentLengthWithTransferEncoding_Is400() throws {
        let response = try exchange(
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        )
        #expect(response.status == 400)
    }

    @Test func unknownTransferCoding_Is501() throws {
        let response = try exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
        #expect(response.status == 501)
    }

    @Test func errorAfterAGoodPipelinedRequest_AnswersBothInOrder() throws {
        try withTestServer(Self.configuration, router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send(request("GET", "/hello") + "BAD\r\n\r\n")
            #expect(try client.readResponse().text == "hello")
            #expect(try client.readResponse().status == 400)
            #expect(client.waitForClose())
        }
    }

    @Test func connectionsBeyondTheMaximum_Get503Promptly() throws {
        let configuration = makeTestConfiguration { $0.maxConnections = 2 }
        try withTestServer(configuration, router: makeTestRouter()) { _, port in
            var first: HTTPTestClient? = try HTTPTestClient(port: port)
            let second = try HTTPTestClient(port: port)
            for client in [first!, second] {
                try client.send(request("GET", "/hello"))
                #expect(try client.readResponse().status == 200)
            }
            let start = Date()
            let third = try HTTPTestClient(port: port, timeout: 2)
            try third.send(request("GET", "/hello"))
            let response = try third.readResponse()
            #expect(response.status == 503)
            #expect(response.header("Retry-After") == "1")
            #expect(response.header("Connection") == "close")
            #expect(third.waitForClose())
            #expect(Date().timeIntervalSince(start) < 1)
            // A freed slot is usable again.
            first = nil
            Thread.sleep(forTimeInterval: 0.1)
            let fourth = try HTTPTestClient(port: port)
            try fourth.send(request("GET", "/hello"))
            #expect(try fourth.readResponse().status == 200)
        }
    }

    @Test func clientThatNeverReads_IsBackPressured_AndOthersAreStillServed() throws {
        try withTestServer(router: makeTestRouter()) { _, port in
            let flooder = try HTTPTestClient(port: port, timeout: 0.5)
            let batch = String(repeating: request("GET", "/large"), count: 1000)
            var sent = 0
            // The server stops reading once 4 MiB of responses are queued; then the kernel buffers fill and
            // `send` times out. Without back-pressure this loop would run to its bound.
            do {
                while sent < 2000 {
                    try flooder.send(batch)
                    sent += 1
                }
            } catch HTTPTestClientError.timedOut {}
            #expect(sent < 2000)
            let other = try HTTPTestClient(port: port)
            try other.send(request("GET", "/hello"))
            #expect(try other.readResponse().text == "hello")
        }
    }
}
