import Foundation
import HTTPServer
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ServerShutdownTests {
    @Test func shutdown_FinishesInFlightRequests_ClosesIdleOnes_AndRefusesNewConnections() throws {
        let server = makeServer(makeTestConfiguration())
        let port = try server.start().port
        let idle = try HTTPTestClient(port: port)
        try idle.send(request("GET", "/hello"))
        #expect(try idle.readResponse().status == 200)
        let busy = try HTTPTestClient(port: port)
        try busy.send(request("GET", "/slow?ms=400"))
        Thread.sleep(forTimeInterval: 0.1)

        let stopped = DispatchSemaphore(value: 0)
        Thread {
            server.shutdown()
            stopped.signal()
        }.start()

        #expect(idle.waitForClose())
        let response = try busy.readResponse()
        #expect(response.text == "slow")
        #expect(response.header("Connection") == "close")
        #expect(busy.waitForClose())
        #expect(stopped.wait(timeout: .now() + 5) == .success)
        #expect(throws: HTTPTestClientError.self) { try HTTPTestClient(port: port) }
        server.shutdown()
    }

    @Test func shutdown_ForceClosesAfterTheDrainTimeout() throws {
        let configuration = makeTestConfiguration { $0.drainTimeout = .milliseconds(200) }
        let server = makeServer(configuration)
        let port = try server.start().port
        let stuck = try HTTPTestClient(port: port)
        try stuck.send("GET /hello HTTP/1.1\r\n")
        let blocked = try HTTPTestClient(port: port)
        try blocked.send(request("GET", "/slow?ms=500"))
        Thread.sleep(forTimeInterval: 0.05)
        let start = Date()
        server.shutdown()
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(stuck.waitForClose())
        #expect(blocked.waitForClose())
        // The worker finishes after its loop has ended; its response must be dropped harmlessly.
        Thread.sleep(forTimeInterval: 0.5)
    }

    @Test func wait_ReturnsAfterShutdown() throws {
        let server = makeServer(makeTestConfiguration())
        try server.start()
        let waited = DispatchSemaphore(value: 0)
        Thread {
            server.wait()
            waited.signal()
        }.start()
        #expect(waited.wait(timeout: .now() + 0.1) == .timedOut)
        server.shutdown()
        #expect(waited.wait(timeout: .now() + 5) == .success)
    }

    private func makeServer(_ configuration: ServerConfiguration) -> Server {
        let responder = RouterResponder(router: makeTestRouter(), logger: silentLogger)
        return Server(configuration: configuration, responder: responder, logger: silentLogger)
    }
}
