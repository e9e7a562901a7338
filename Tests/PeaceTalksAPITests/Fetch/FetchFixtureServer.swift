import Foundation
import HTTPServer
import Synchronization

/// Our own HTTPServer on 127.0.0.1, port 0, serving the fetch fixture pages (Tests/Fixtures/fetch) and a few
/// failure cases; counts the requests it receives.
final class FetchFixtureServer {
    /// What one path answers.
    enum Route: Sendable {
        case respond(HTTPResponse)
        case slow(Duration, HTTPResponse)
    }

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fetch")

    let port: Int
    private let server: Server
    private let responder: Responder

    /// Starts the server with the standard routes plus `extra`.
    init(extra: [String: Route] = [:]) throws {
        var routes = try Self.standardRoutes()
        routes.merge(extra) { $1 }
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.loopCount = 1
        configuration.drainTimeout = .milliseconds(200)
        configuration.lingerTimeout = .milliseconds(100)
        responder = Responder(routes: routes)
        server = Server(configuration: configuration, responder: responder)
        port = try server.start().port
    }

    deinit { server.shutdown() }

    /// `http://127.0.0.1:PORT/path`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Requests received so far.
    var requestCount: Int { responder.count.withLock { $0 } }

    /// The bytes of a fixture file.
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    private static func page(_ bytes: [UInt8], _ type: String, headers: [(String, String)] = []) -> Route {
        .respond(HTTPResponse(status: .ok, headers: HTTPHeaders([(HTTPHeaders.contentType, type)] + headers),
            body: bytes))
    }

    private static func standardRoutes() throws -> [String: Route] {
        let arabic = try fixture("elmaouid-astana.html")
        let english = try fixture("caspian-ledger-astana.html")
        return [
            "/ar/astana": page(arabic, "text/html"),
            "/en/astana": page(english, "text/html; charset=utf-8"),
            "/en/astana-gzip": page(try fixture("caspian-ledger-astana.html.gz"), "text/html; charset=utf-8",
                headers: [("Content-Encoding", "gzip")]),
            "/wrong-charset": page(try fixture("wrong-charset.html"), "text/html"),
            "/data.json": page(Array("{\"talks\": true}".utf8), "application/json"),
            "/missing": .respond(HTTPResponse(status: .notFound, body: Array("gone".utf8))),
            "/slow": .slow(
                .milliseconds(1500),
                HTTPResponse(status: .ok, headers: [HTTPHeaders.contentType: "text/html"], body: english)),
            "/huge": page(Array(("<html><body><p>" + String(repeating: "peace ", count: 20_000)).utf8), "text/html"),
            "/redirect-local": .respond(HTTPResponse(status: HTTPStatus(302, "Found"),
                headers: [HTTPHeaders.location: "/en/astana"])),
            "/redirect-metadata": .respond(HTTPResponse(status: HTTPStatus(302, "Found"),
                headers: [HTTPHeaders.location: "http://169.254.169.254/latest/meta-data/"])),
        ]
    }

    private final class Responder: HTTPResponder {
        let routes: [String: Route]
        let count = Mutex(0)

        init(routes: [String: Route]) { self.routes = routes }

        func respond(to request: HTTPRequest) -> HTTPResponse {
            count.withLock { $0 += 1 }
            switch routes[request.path] {
            case .respond(let response): return response
            case .slow(let delay, let response):
                Thread.sleep(forTimeInterval: Double(delay.components.seconds)
                    + Double(delay.components.attoseconds) / 1e18)
                return response
            case nil: return HTTPResponse(status: .notFound)
            }
        }

        func mayBlock(_ request: HTTPRequest) -> Bool {
            if case .slow = routes[request.path] { true } else { false }
        }
    }
}
