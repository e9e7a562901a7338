import Foundation
import Testing
import HTTPServer
import Logging
import PeaceTalksAPI
import PeaceTalksModel
import PeaceTalksStore
import TestSupport

/// How a test reaches the application: by calling its responder, or over a real socket on 127.0.0.1:0.
enum TestMode: String, CaseIterable, CustomTestStringConvertible {
    case inProcess, live
    var testDescription: String { rawValue }
}

/// The API key every tester configures.
let testKey = "test-key-0123456789"

/// One answer, whichever way it came.
struct TestResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    var text: String { String(decoding: body, as: UTF8.self) }
    /// The body parsed as JSON (nil when it is not JSON).
    var json: JSONValue? { try? JSONParser.parse(body) }
    /// `json[key]` for an object body.
    subscript(key: String) -> JSONValue? { json?.objectValue?[key] }
}

/// An application over an `InMemoryStore` (seeded by default), reached in-process or live.
final class APITester {
    let mode: TestMode
    let store: InMemoryStore
    let application: Application
    private var server: Server?
    private(set) var port = 0
    private var client: HTTPTestClient?
    /// When set, every `request` is recorded in the shape `scripts/openapi/check_responses.py` reads.
    var recording: [JSONValue]?

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seedsDirectory = repositoryRoot.appendingPathComponent("seeds")

    init(_ mode: TestMode, seeded: Bool = true, ready: Bool = true, corsOrigins: [String] = ["*"]) throws {
        self.mode = mode
        store = InMemoryStore()
        if seeded { try loadSeeds(from: Self.seedsDirectory, into: store) }
        let logger = Logger(label: "api-test") { _ in SwiftLogNoOpLogHandler() }
        application = Application(
            configuration: APIConfiguration(apiKeys: [testKey, "second-key"], corsOrigins: corsOrigins),
            store: store, logger: logger)
        if ready { application.readiness.markReady() }
        if mode == .live {
            var configuration = ServerConfiguration()
            configuration.host = "127.0.0.1"
            configuration.port = 0
            configuration.loopCount = 1
            let server = application.makeServer(configuration: configuration)
            port = try server.start().port
            self.server = server
        }
    }

    deinit { server?.shutdown() }

    /// Stops the live server now (also done on deinit).
    func stop() { server?.shutdown() }

    /// Sends one request; `auth` adds the test key; a `json` body sets `Content-Type: application/json`.
    @discardableResult
    func request(
        _ method: String, _ target: String, headers: [(String, String)] = [], json: JSONValue? = nil,
        body: String? = nil, auth: Bool = false
    ) throws -> TestResponse {
        var fields = headers
        if auth { fields.append(("Authorization", "Bearer \(testKey)")) }
        var bytes: [UInt8] = []
        if let json {
            bytes = json.encoded()
            if !fields.contains(where: { $0.0.lowercased() == "content-type" }) {
                fields.append(("Content-Type", "application/json"))
            }
        } else if let body {
            bytes = Array(body.utf8)
        }
        if !bytes.isEmpty || ["POST", "PUT", "PATCH"].contains(method) {
            fields.append(("Content-Length", String(bytes.count)))
        }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in fields { head += "\(name): \(value)\r\n" }
        let response = try exchange(Array((head + "\r\n").utf8) + bytes, method: method)
        recording?.append(Self.record(method, target, response))
        return response
    }

    private static func record(_ method: String, _ target: String, _ response: TestResponse) -> JSONValue {
        let path = String(target.split(separator: "?", maxSplits: 1)[0])
        let contentType = response.header("Content-Type")
        var body: JSONValue = .null
        if !response.body.isEmpty {
            body = contentType?.contains("json") == true ? (response.json ?? .string(response.text))
                : .string(response.text)
        }
        return [
            "method": .string(method), "path_template": .string(path), "path": .string(target),
            "status": .number(Double(response.status)), "content_type": contentType.map(JSONValue.string) ?? .null,
            "body": body,
        ]
    }

    /// Sends raw request bytes and reads one answer.
    func exchange(_ raw: [UInt8], method: String = "GET") throws -> TestResponse {
        switch mode {
        case .inProcess:
            var parser = HTTPRequestParser()
            raw.withUnsafeBytes { parser.append($0) }
            guard let request = try parser.nextRequest() else { throw HTTPTestClientError.malformed("incomplete") }
            let response = application.responder.respond(to: request)
            let headers = response.headers.map { ($0.name, $0.value) }
            return TestResponse(status: response.status.code, headers: headers, body: response.body)
        case .live:
            let client = try self.client ?? HTTPTestClient(port: port)
            self.client = client
            try client.send(raw)
            let response = try client.readResponse(method: method)
            if response.header("Connection")?.lowercased() == "close" { self.client = nil }
            return TestResponse(status: response.status, headers: response.headers, body: response.body)
        }
    }
}
