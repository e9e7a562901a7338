import Foundation
import HTTPServer
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ServerTests {
    @Test func keepAlive_ServesSeveralRequests_OnOneConnection() throws {
        try withTestServer(router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            for index in 0..<5 {
                try client.send(request("GET", "/items/\(index)"))
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "item \(index)")
                #expect(response.header("Connection") == nil)
                #expect(response.header("Date")?.hasSuffix(" GMT") == true)
            }
        }
    }

    @Test func pipelinedRequests_AreAnsweredInOrder_EvenAroundABlockingRoute() throws {
        try withTestServer(router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send(request("GET", "/items/1") + request("GET", "/slow?ms=100") + request("GET", "/items/2")
                + request("POST", "/echo", body: "three") + request("GET", "/hello"))
            let bodies = try (0..<5).map { _ in try client.readResponse().text }
            #expect(bodies == ["item 1", "slow", "item 2", "three", "hello"])
        }
    }

    @Test func blockingRoute_DoesNotStallOtherConnections() throws {
        try withTestServer(makeTestConfiguration { $0.loopCount = 1 }, router: makeTestRouter()) { _, port in
            let slow = try HTTPTestClient(port: port)
            try slow.send(request("GET", "/slow?ms=500"))
            let fast = try HTTPTestClient(port: port)
            let start = Date()
            try fast.send(request("GET", "/hello"))
            #expect(try fast.readResponse().status == 200)
            #expect(Date().timeIntervalSince(start) < 0.4)
            #expect(try slow.readResponse().text == "slow")
        }
    }

    @Test func http10_WithoutKeepAlive_IsClosedAfterTheResponse() throws {
        try withTestServer(router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send("GET /hello HTTP/1.0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.version == "HTTP/1.1")
            #expect(response.header("Connection") == "close")
            #expect(client.waitForClose())
        }
    }

    @Test func http10_WithKeepAlive_StaysOpen() throws {
        try withTestServer(router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            for _ in 0..<2 {
                try client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.text == "hello")
                #expect(response.header("Connection") == "keep-alive")
            }
        }
    }

    @Test func connectionClose_IsAnsweredWithClose_ThenClosed() throws {
        try withTestServer(router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send(request("GET", "/hello", ["Connection: close"]) + request("GET", "/items/2"))
            let response = try client.readResponse()
            #expect(response.text == "hello")
            #expect(response.header("Connection") == "close")
            #expect(try client.readUntilClose().isEmpty)
        }
    }

    @Test func chunkedRequestBody_IsDecoded() throws {
        try withTestServer(router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send(
                "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n"
            )
            let response = try client.readResponse()
            #expect(response.text == "hello, world")
            #expect(response.header("Content-Length") == "12")
        }
    }

    @Test func expectContinue_Gets100Continue_BeforeTheBodyIsSent() throws {
        try withTestServer(router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            let interim = try client.readResponse(interim: true)
            #expect(interim.status == 100)
            try client.send("data")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "data")
        }
    }

    @Test func head_HasTheGetHeaders_AndNoBody() throws {
        try withTestServer(router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send(request("HEAD", "/hello") + request("GET", "/items/7"))
            let head = try client.readResponse(method: "HEAD")
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "5")
            #expect(head.header("Content-Type") == "text/plain")
            // Had the HEAD response carried a body, this would read "hello" as the next status line.
            #expect(try client.readResponse().text == "item 7")
        }
    }

    @Test func noContent_HasNeitherBodyNorContentLength() throws {
        try withTestServer(router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send(request("DELETE", "/items/1") + request("GET", "/hello"))
            let response = try client.readResponse()
            #expect(response.status == 204)
            #expect(response.header("Content-Length") == nil)
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test func unknownPath_Is404_AndWrongMethod_Is405WithAllow() throws {
        try withTestServer(router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send(request("GET", "/nothing") + request("PUT", "/items/1", ["Content-Length: 0"]))
            let notFound = try client.readResponse()
            #expect(notFound.status == 404)
            #expect(notFound.header("Content-Type") == "application/problem+json")
            #expect(notFound.text == #"{"type":"about:blank","title":"Not Found","status":404,"#
                + #""detail":"No route matches /nothing."}"#)
            let notAllowed = try client.readResponse()
            #expect(notAllowed.status == 405)
            #expect(notAllowed.header("Allow") == "GET, HEAD, DELETE, OPTIONS")
        }
    }

    @Test func largeResponse_IsDeliveredCompletely() throws {
        try withTestServer(router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send(request("GET", "/large") + request("GET", "/large"))
            #expect(try client.readResponse().body == largeBody)
            #expect(try client.readResponse().body == largeBody)
        }
    }

    @Test func manyConcurrentClients_AreAllServed() throws {
        try withTestServer(router: makeTestRouter()) { _, port in
            let failures = ManagedCounter()
            let group = DispatchGroup()
            for thread in 0..<50 {
                group.enter()
                Thread {
                    defer { group.leave() }
                    do {
                        let client = try HTTPTestClient(port: port)
                        for index in 0..<50 {
                            try client.send(request("GET", "/items/\(thread)-\(index)"))
                            if try client.readResponse().text != "item \(thread)-\(index)" { failures.increment() }
                        }
                    } catch {
                        failures.increment()
                    }
                }.start()
            }
            #expect(group.wait(timeout: .now() + 30) == .success)
            #expect(failures.value == 0)
        }
    }
}

/// A thread-safe counter for tests.
final class ManagedCounter: @unchecked Sendable {
    // Guarded by `lock`.
    private var count = 0
    private let lock = NSLock()

    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
