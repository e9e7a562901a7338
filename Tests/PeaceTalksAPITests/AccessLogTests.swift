import Foundation
import HTTPServer
import Logging
import PeaceTalksAPI
import PeaceTalksStore
import Testing

/// The access log as the application wires it: a line per request at `info`, and no step at all above it.
struct AccessLogTests {
    @Test func atInfo_EachRequestLogsOneLine() throws {
        let lines = try linesLogged(at: .info, requests: ["/health", "/nowhere"])
        #expect(lines.count == 2)
        #expect(lines.first?.contains(" info api: request ") == true)
        #expect(lines.first?.contains("method=GET path=/health") == true)
        #expect(lines.first?.contains("status=200") == true)
        #expect(lines.last?.contains("path=/nowhere") == true)
        #expect(lines.last?.contains("status=404") == true)
    }

    @Test func aboveInfo_RequestsLogNothing() throws {
        #expect(try linesLogged(at: .notice, requests: ["/health", "/nowhere"]).isEmpty)
    }

    /// The lines logged while the application answers a GET of each path, with its logger at `level`.
    private func linesLogged(at level: Logger.Level, requests paths: [String]) throws -> [Substring] {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let output = LogOutputBuffer(fd: fds[1], flushInterval: .seconds(60))
        let logger = Logger(label: "api") { BufferedStreamLogHandler(label: $0, output: output, logLevel: level) }
        let application = Application(
            configuration: APIConfiguration(apiKeys: [testKey]), store: InMemoryStore(), logger: logger)
        application.readiness.markReady()
        for path in paths {
            _ = application.responder.respond(to: HTTPRequest(method: .get, target: path, path: path))
        }
        output.close()
        close(fds[1])
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while case let count = read(fds[0], &chunk, chunk.count), count > 0 { bytes += chunk[..<count] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n")
    }
}
