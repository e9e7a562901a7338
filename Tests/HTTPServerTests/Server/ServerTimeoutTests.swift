import Foundation
import HTTPServer
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ServerTimeoutTests {
    private static let configuration = makeTestConfiguration {
        $0.headerTimeout = .milliseconds(200)
        $0.bodyTimeout = .milliseconds(300)
        $0.idleTimeout = .milliseconds(400)
    }

    @Test func headerSectionNotReceivedInTime_Is408_ThenClosed() throws {
        try withTestServer(Self.configuration, router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            let start = Date()
            try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n")
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(response.header("Connection") == "close")
            #expect(client.waitForClose())
            let elapsed = Date().timeIntervalSince(start)
            #expect(elapsed >= 0.19 && elapsed < 1)
        }
    }

    @Test func bodyNotReceivedInTime_Is408_ThenClosed() throws {
        try withTestServer(Self.configuration, router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
            let start = Date()
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(response.text.contains("body"))
            #expect(client.waitForClose())
            #expect(Date().timeIntervalSince(start) < 1)
        }
    }

    @Test func idleKeepAliveConnection_IsClosedSilently() throws {
        try withTestServer(Self.configuration, router: makeTestRouter()) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send(request("GET", "/hello"))
            #expect(try client.readResponse().status == 200)
            let start = Date()
            #expect(try client.readUntilClose().isEmpty)
            let elapsed = Date().timeIntervalSince(start)
            #expect(elapsed >= 0.35 && elapsed < 1.5)
        }
    }

    @Test func slowAndIdleClients_DoNotBlockANewClient() throws {
        try withTestServer(makeTestConfiguration { $0.loopCount = 1 }, router: makeTestRouter()) { _, port in
            let idle = try HTTPTestClient(port: port)
            let slowDone = DispatchSemaphore(value: 0)
            let slowText = request("GET", "/items/slow")
            let slowResult = ManagedCounter()
            Thread {
                defer { slowDone.signal() }
                do {
                    let slow = try HTTPTestClient(port: port)
                    for byte in slowText.utf8 {
                        try slow.send([byte])
                        Thread.sleep(forTimeInterval: 0.005)
                    }
                    if try slow.readResponse().text == "item slow" { slowResult.increment() }
                } catch {}
            }.start()
            Thread.sleep(forTimeInterval: 0.05)
            let start = Date()
            let fresh = try HTTPTestClient(port: port)
            try fresh.send(request("GET", "/hello"))
            #expect(try fresh.readResponse().text == "hello")
            #expect(Date().timeIntervalSince(start) < 0.1)
            #expect(slowDone.wait(timeout: .now() + 5) == .success)
            #expect(slowResult.value == 1)
            _ = idle
        }
    }
}
