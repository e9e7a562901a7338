import Foundation
import HTTPServer
import Synchronization

/// What the fixture server answers on one path.
enum FixtureRoute: Sendable {
    /// A fixed response.
    case respond(HTTPResponse)
    /// A redirect; `{host}` in `location` becomes the request's `Host`.
    case redirect(Int, location: String)
    /// A fixed response after `delay` (answered on a worker thread).
    case slow(Duration, HTTPResponse)
}

/// Our own HTTPServer on a loopback address, port 0, serving fixture pages; records every request it gets.
final class FixtureServer {
    let host: String
    let port: Int
    private let server: Server
    private let log: RequestLog

    /// Starts a server on `host` with the standard pages plus `extra` routes (which win).
    init(host: String = "127.0.0.1", extra: [String: FixtureRoute] = [:]) throws {
        let log = RequestLog()
        var routes = Self.standardRoutes
        routes.merge(extra) { $1 }
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = 0
        configuration.loopCount = 1
        configuration.drainTimeout = .milliseconds(200)
        configuration.lingerTimeout = .milliseconds(100)
        server = Server(configuration: configuration, responder: FixtureResponder(routes: routes, log: log))
        port = try server.start().port
        self.log = log
        self.host = host
    }

    deinit { server.shutdown() }

    /// `http://HOST:PORT/path`, HOST being the server's address unless another name for it is given.
    func url(_ path: String, host: String? = nil) -> String {
        let authority = host ?? (self.host.contains(":") ? "[\(self.host)]" : self.host)
        return "http://\(authority):\(port)\(path)"
    }

    /// Every request received so far.
    var requests: [HTTPRequest] { log.requests.withLock { $0 } }

    static let pageHTML =
        "<!doctype html><html><head><title>Talks resume</title></head><body><p>Peace.</p></body></html>"

    static func html(_ text: String, type: String = "text/html; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: .ok, headers: [HTTPHeaders.contentType: type], body: Array(text.utf8))
    }

    private static var standardRoutes: [String: FixtureRoute] {
        var routes: [String: FixtureRoute] = [
            "/page": .respond(html(pageHTML)),
            "/xhtml": .respond(html(pageHTML, type: "application/xhtml+xml")),
            "/data.json": .respond(html("{\"peace\": true}", type: "application/json")),
            "/no-type": .respond(HTTPResponse(status: .ok, body: Array(pageHTML.utf8))),
            "/missing": .respond(HTTPResponse(status: .notFound, body: Array("gone".utf8))),
            "/broken": .respond(HTTPResponse(status: HTTPStatus(500, "Internal Server Error"))),
            "/redirect-without-location": .respond(HTTPResponse(status: HTTPStatus(302, "Found"))),
            "/multiple-choices": .respond(
                HTTPResponse(status: HTTPStatus(300, "Multiple Choices"), headers: [HTTPHeaders.location: "/page"])
            ),
            "/big": .respond(html("<html><body>" + String(repeating: "x", count: 64 * 1024) + "</body></html>")),
            "/gzip": .respond(gzipped(FixturePayloads.gzipPage)),
            "/gzip-bomb": .respond(gzipped(FixturePayloads.gzipBomb)),
            "/huge-header": .respond(
                HTTPResponse(
                    status: .ok,
                    headers: [
                        HTTPHeaders.contentType: "text/html", "X-Padding": String(repeating: "p", count: 80_000),
                    ],
                    body: Array(pageHTML.utf8)
                )
            ),
            "/slow": .slow(.milliseconds(1500), html(pageHTML)),
            "/loop": .redirect(302, location: "/loop"),
            "/repeated-headers": .respond(
                HTTPResponse(
                    status: .ok,
                    headers: HTTPHeaders([
                        (HTTPHeaders.contentType, "text/html"), ("Set-Cookie", "a=1"), ("X-Note", "first"),
                        ("Set-Cookie", "b=2"),
                    ]),
                    body: Array(pageHTML.utf8)
                )
            ),
        ]
        // /chain/N redirects N times before /chain/0 answers; the three Location forms alternate.
        routes["/chain/0"] = .respond(html(pageHTML))
        for hop in 1...8 {
            let location = ["/chain/\(hop - 1)", "\(hop - 1)", "http://{host}/chain/\(hop - 1)"][hop % 3]
            routes["/chain/\(hop)"] = .redirect([301, 302, 303, 307, 308][hop % 5], location: location)
        }
        return routes
    }

    private static func gzipped(_ base64: String) -> HTTPResponse {
        HTTPResponse(
            status: .ok,
            headers: [HTTPHeaders.contentType: "text/html; charset=utf-8", "Content-Encoding": "gzip"],
            body: Array(Data(base64Encoded: base64)!)
        )
    }
}

/// The requests a fixture server received, in order.
private final class RequestLog: Sendable {
    let requests = Mutex<[HTTPRequest]>([])
}

private struct FixtureResponder: HTTPResponder {
    let routes: [String: FixtureRoute]
    let log: RequestLog

    func respond(to request: HTTPRequest) -> HTTPResponse {
        log.requests.withLock { $0.append(request) }
        switch routes[request.path] {
        case .respond(let response):
            return response
        case .redirect(let code, let location):
            let target = location.replacingOccurrences(of: "{host}", with: request.headers[HTTPHeaders.host] ?? "")
            return HTTPResponse(status: HTTPStatus(code, "Redirect"), headers: [HTTPHeaders.location: target])
        case .slow(let delay, let response):
            Thread.sleep(
                forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
            )
            return response
        case nil:
            return HTTPResponse(status: .notFound)
        }
    }

    func mayBlock(_ request: HTTPRequest) -> Bool {
        if case .slow = routes[request.path] { true } else { false }
    }
}
