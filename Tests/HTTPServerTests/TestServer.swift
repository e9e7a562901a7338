import HTTPServer
import Logging
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A logger that drops everything.
let silentLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// A configuration with short timeouts, so that timeout tests take milliseconds, on 127.0.0.1:0.
func makeTestConfiguration(_ adjust: (inout ServerConfiguration) -> Void = { _ in }) -> ServerConfiguration {
    var configuration = ServerConfiguration()
    configuration.port = 0
    configuration.loopCount = 2
    configuration.drainTimeout = .seconds(2)
    configuration.lingerTimeout = .milliseconds(500)
    adjust(&configuration)
    return configuration
}

/// Starts a server on 127.0.0.1:0 answering with `responder`, runs `body` with its port, then shuts it down.
func withTestServer<R>(
    _ configuration: ServerConfiguration = makeTestConfiguration(),
    responder: any HTTPResponder,
    metrics: MetricsRegistry? = nil,
    _ body: (Server, Int) throws -> R
) throws -> R {
    let server = Server(configuration: configuration, responder: responder, logger: silentLogger, metrics: metrics)
    let address = try server.start()
    defer { server.shutdown() }
    return try body(server, address.port)
}

/// `withTestServer` for a router of handlers with no middleware.
func withTestServer<R>(
    _ configuration: ServerConfiguration = makeTestConfiguration(),
    router: Router<HTTPRoute>,
    _ body: (Server, Int) throws -> R
) throws -> R {
    let responder = RouterResponder(router: router, logger: silentLogger)
    return try withTestServer(configuration, responder: responder, body)
}

/// A router with the routes most server tests use.
func makeTestRouter() -> Router<HTTPRoute> {
    var router = Router<HTTPRoute>()
    router.add(.get, "/hello") { _, _ in
        HTTPResponse(status: .ok, headers: [HTTPHeaders.contentType: "text/plain"], body: Array("hello".utf8))
    }
    router.add(.get, "/items/:id") { _, context in
        HTTPResponse(body: Array("item \(context.parameters["id"] ?? "")".utf8))
    }
    router.add(.post, "/echo") { request, _ in
        HTTPResponse(headers: [HTTPHeaders.contentType: "application/octet-stream"], body: request.body)
    }
    router.add(.get, "/slow", mayBlock: true) { request, _ in
        let milliseconds = Int(request.queryValue("ms") ?? "100") ?? 100
        usleep(UInt32(milliseconds * 1000))
        return HTTPResponse(body: Array("slow".utf8))
    }
    router.add(.get, "/large") { _, _ in
        HTTPResponse(body: largeBody)
    }
    router.add(.delete, "/items/:id") { _, _ in HTTPResponse(status: .noContent) }
    return router
}

/// 1 MiB of pattern bytes.
let largeBody: [UInt8] = (0..<(1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31) }

/// A request line plus `Host`, with `\r\n` endings and the empty line.
func request(_ method: String = "GET", _ target: String, _ fields: [String] = [], body: String = "") -> String {
    var text = "\(method) \(target) HTTP/1.1\r\nHost: test\r\n"
    for field in fields { text += field + "\r\n" }
    if !body.isEmpty { text += "Content-Length: \(body.utf8.count)\r\n" }
    return text + "\r\n" + body
}
