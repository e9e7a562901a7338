import HTTPServer
import Logging
import TestSupport
import Testing

struct MiddlewareTests {
    private func makeRouter() -> Router<HTTPRoute> {
        var router = Router<HTTPRoute>()
        router.add(.get, "/v1/:kind/:id") { _, context in
            HTTPResponse(body: Array("id=\(context.requestID)".utf8))
        }
        router.add(.put, "/v1/:kind/:id") { _, _ in HTTPResponse(status: .noContent) }
        return router
    }

    private func get(_ path: String, _ headers: HTTPHeaders = [:], method: HTTPMethod = .get) -> HTTPRequest {
        HTTPRequest(method: method, target: path, path: path, headers: headers)
    }

    // MARK: Request id

    @Test func requestID_EchoesASafeClientValue() {
        let responder = RouterResponder(router: makeRouter(), middleware: [RequestIDMiddleware()], logger: silentLogger)
        let response = responder.respond(to: get("/v1/talks/a", [HTTPHeaders.requestID: "abc-123:x.y_z"]))
        #expect(response.headers[HTTPHeaders.requestID] == "abc-123:x.y_z")
        #expect(String(decoding: response.body, as: UTF8.self) == "id=abc-123:x.y_z")
    }

    @Test(arguments: ["", "has space", "semi;colon", String(repeating: "a", count: 129), "é"])
    func requestID_ReplacesAnUnsafeClientValue(value: String) throws {
        let responder = RouterResponder(router: makeRouter(), middleware: [RequestIDMiddleware()], logger: silentLogger)
        let response = responder.respond(to: get("/v1/talks/a", [HTTPHeaders.requestID: value]))
        let id = try #require(response.headers[HTTPHeaders.requestID])
        #expect(id != value)
        #expect(RequestIDMiddleware.isAcceptable(id))
    }

    @Test func generatedRequestIDs_AreUnique_AndSetOn404s() {
        let responder = RouterResponder(router: makeRouter(), middleware: [RequestIDMiddleware()], logger: silentLogger)
        let ids = (0..<100).compactMap { _ in responder.respond(to: get("/nothing")).headers[HTTPHeaders.requestID] }
        #expect(Set(ids).count == 100)
        // A shared random prefix of 8 hex digits, then the counter in hex: 1, 2, … f, 10, … 64.
        let prefix = ids[0].prefix(9)
        #expect(prefix.count == 9 && prefix.last == "-")
        #expect(prefix.dropLast().allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(ids.map { $0.dropFirst(9) } == (1...100).map { Substring(String($0, radix: 16)) })
        #expect(ids.allSatisfy { $0.hasPrefix(prefix) })
    }

    // MARK: Access log

    @Test func accessLog_WritesOneLineWithTheRequestFacts_AndNoSecrets() throws {
        let log = InMemoryLog()
        let responder = RouterResponder(
            router: makeRouter(), middleware: [RequestIDMiddleware(), AccessLogMiddleware(logger: log.makeLogger())],
            logger: silentLogger
        )
        var request = get("/v1/talks/a", [HTTPHeaders.authorization: "Bearer secret-key", HTTPHeaders.requestID: "r1"])
        request.target = "/v1/talks/a?token=hunter2"
        request.query = [("token", "hunter2")]
        _ = responder.respond(to: request)
        #expect(log.entries.count == 1)
        let entry = try #require(log.entries.first)
        #expect(entry.level == .info)
        #expect(entry.metadata["method"] == "GET")
        #expect(entry.metadata["path"] == "/v1/talks/a")
        #expect(entry.metadata["status"]?.description == "200")
        #expect(entry.metadata["bytes"]?.description == "5")
        #expect(entry.metadata["request_id"] == "r1")
        #expect(entry.metadata["duration_us"] != nil)
        let everything = entry.message + entry.metadata.map { "\($0)=\($1)" }.joined()
        #expect(!everything.contains("secret-key"))
        #expect(!everything.contains("hunter2"))
    }

    @Test func accessLog_KeepsEachRequestsFacts_AcrossRequests() {
        let log = InMemoryLog()
        let responder = RouterResponder(
            router: makeRouter(), middleware: [RequestIDMiddleware(), AccessLogMiddleware(logger: log.makeLogger())],
            logger: silentLogger
        )
        _ = responder.respond(to: get("/v1/talks/a", [HTTPHeaders.requestID: "r1"]))
        let notFound = responder.respond(to: get("/nothing", [HTTPHeaders.requestID: "r2"]))
        _ = responder.respond(to: get("/v1/talks/b", [HTTPHeaders.requestID: "r3"], method: .put))
        #expect(log.entries.map(\.metadata["method"]) == ["GET", "GET", "PUT"])
        #expect(log.entries.map(\.metadata["path"]) == ["/v1/talks/a", "/nothing", "/v1/talks/b"])
        #expect(log.entries.map { $0.metadata["status"]?.description } == ["200", "404", "204"])
        #expect(log.entries.map { $0.metadata["bytes"]?.description } == ["5", String(notFound.body.count), "0"])
        #expect(log.entries.map(\.metadata["request_id"]) == ["r1", "r2", "r3"])
        #expect(log.entries.allSatisfy { $0.metadata.count == 6 })
    }

    @Test func accessLog_AboveInfo_IsLeftOutOfTheChain() {
        let log = InMemoryLog()
        var logger = log.makeLogger()
        logger.logLevel = .notice
        let accessLog = AccessLogMiddleware(logger: logger)
        #expect(!accessLog.isActive)
        #expect(RequestIDMiddleware().isActive)
        let responder = RouterResponder(
            router: makeRouter(), middleware: [RequestIDMiddleware(), accessLog], logger: silentLogger
        )
        let response = responder.respond(to: get("/v1/talks/a", [HTTPHeaders.requestID: "r1"]))
        #expect(response.status == .ok)
        #expect(response.headers[HTTPHeaders.requestID] == "r1")
        #expect(log.entries.isEmpty)
    }

    // MARK: Metrics

    @Test func metrics_CountByMethodRouteAndStatus_InPrometheusText() {
        let registry = MetricsRegistry(durationBuckets: [0.5, 1])
        let responder = RouterResponder(
            router: makeRouter(), middleware: [MetricsMiddleware(registry: registry)], logger: silentLogger
        )
        _ = responder.respond(to: get("/v1/talks/a"))
        _ = responder.respond(to: get("/v1/talks/b"))
        _ = responder.respond(to: get("/nothing"))
        _ = responder.respond(to: get("/v1/talks/a", method: HTTPMethod("BREW")))
        registry.connectionOpened()
        let text = registry.renderText()
        #expect(text.contains("# TYPE http_requests_total counter\n"))
        #expect(text.contains("http_requests_total{method=\"GET\",route=\"/v1/:kind/:id\",status=\"200\"} 2\n"))
        #expect(text.contains("http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1\n"))
        #expect(text.contains("http_requests_total{method=\"other\",route=\"unmatched\",status=\"405\"} 1\n"))
        #expect(text.contains("# TYPE http_request_duration_seconds histogram\n"))
        let labels = "method=\"GET\",route=\"/v1/:kind/:id\""
        #expect(text.contains("http_request_duration_seconds_bucket{\(labels),le=\"0.5\"} 2\n"))
        #expect(text.contains("http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} 2\n"))
        #expect(text.contains("http_request_duration_seconds_count{method=\"GET\",route=\"/v1/:kind/:id\"} 2\n"))
        #expect(text.contains("# TYPE http_open_connections gauge\nhttp_open_connections 1\n"))
    }

    @Test func metrics_MergeRecordsFromManyThreads() async {
        let registry = MetricsRegistry()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<1000 {
                        registry.recordRequest(method: .get, route: "/r", status: 200, duration: 0.001)
                    }
                }
            }
        }
        let text = registry.renderText()
        #expect(text.contains("http_requests_total{method=\"GET\",route=\"/r\",status=\"200\"} 8000\n"))
    }

    @Test func metrics_OpenConnectionsGauge_IsFedByTheServer() throws {
        let registry = MetricsRegistry()
        let responder = RouterResponder(router: makeRouter(), logger: silentLogger)
        try withTestServer(responder: responder, metrics: registry) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send(request("GET", "/v1/a/b"))
            _ = try client.readResponse()
            #expect(registry.openConnectionCount == 1)
        }
        #expect(registry.openConnectionCount == 0)
    }

    // MARK: CORS

    @Test func cors_WithAnyOrigin_AddsTheWildcardAndExposedHeaders() {
        let responder = RouterResponder(router: makeRouter(), middleware: [CORSMiddleware()], logger: silentLogger)
        let response = responder.respond(to: get("/v1/talks/a", [HTTPHeaders.origin: "https://a.example"]))
        #expect(response.headers["Access-Control-Allow-Origin"] == "*")
        #expect(response.headers["Access-Control-Expose-Headers"]
            == "ETag, Location, Link, X-Request-Id, X-Total-Count")
        #expect(response.headers["Vary"] == nil)
    }

    @Test func cors_WithAList_EchoesAListedOriginOnly() {
        let cors = CORSMiddleware(allowedOrigins: ["https://a.example"])
        let responder = RouterResponder(router: makeRouter(), middleware: [cors], logger: silentLogger)
        let listed = responder.respond(to: get("/v1/talks/a", [HTTPHeaders.origin: "https://a.example"]))
        #expect(listed.headers["Access-Control-Allow-Origin"] == "https://a.example")
        #expect(listed.headers["Vary"] == "Origin")
        let other = responder.respond(to: get("/v1/talks/a", [HTTPHeaders.origin: "https://evil.example"]))
        #expect(other.headers["Access-Control-Allow-Origin"] == nil)
        #expect(other.headers["Vary"] == "Origin")
    }

    @Test func cors_PreFlight_Is204WithTheRoutesMethods() {
        let responder = RouterResponder(router: makeRouter(), middleware: [CORSMiddleware()], logger: silentLogger)
        let response = responder.respond(to: get("/v1/talks/a", [
            HTTPHeaders.origin: "https://a.example", "Access-Control-Request-Method": "PUT",
        ], method: .options))
        #expect(response.status == .noContent)
        #expect(response.headers["Access-Control-Allow-Methods"] == "GET, HEAD, PUT, OPTIONS")
        #expect(response.headers["Access-Control-Allow-Headers"]
            == "Authorization, Content-Type, If-Match, If-None-Match, X-Request-Id")
        #expect(response.headers["Access-Control-Max-Age"] == "600")
        #expect(response.headers["Access-Control-Allow-Origin"] == "*")
    }

    @Test func cors_PreFlightOnAnUnknownPath_Is404() {
        let responder = RouterResponder(router: makeRouter(), middleware: [CORSMiddleware()], logger: silentLogger)
        let preflight = get("/nothing", ["Access-Control-Request-Method": "GET"], method: .options)
        let response = responder.respond(to: preflight)
        #expect(response.status == .notFound)
    }

    @Test func fullChain_OverTheWire() throws {
        let log = InMemoryLog()
        let registry = MetricsRegistry()
        let responder = RouterResponder(
            router: makeRouter(),
            middleware: [RequestIDMiddleware(), AccessLogMiddleware(logger: log.makeLogger()),
                         MetricsMiddleware(registry: registry), CORSMiddleware()],
            logger: silentLogger
        )
        try withTestServer(responder: responder, metrics: registry) { _, port in
            let client = try HTTPTestClient(port: port)
            try client.send(request("GET", "/v1/talks/a", ["X-Request-Id: wire-1"]))
            let response = try client.readResponse()
            #expect(response.header("X-Request-Id") == "wire-1")
            #expect(response.header("Access-Control-Allow-Origin") == "*")
            #expect(response.text == "id=wire-1")
        }
        #expect(log.entries.map(\.metadata["request_id"]) == ["wire-1"])
    }
}
