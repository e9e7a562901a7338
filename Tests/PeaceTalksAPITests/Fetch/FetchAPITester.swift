import Fetch
import Foundation
import HTTPServer
import Logging
import PeaceTalksAPI
import PeaceTalksModel
import PeaceTalksStore
import TestSupport

/// The application over a real socket with a fetch client that allows 127.0.0.1 (the fixture server) and has
/// short limits; its store holds the seed participants and talks, and the seed article when `withSeedArticle`.
final class FetchAPITester {
    let store = InMemoryStore()
    let port: Int
    private let server: Server

    init(withSeedArticle: Bool = false, totalTimeout: Duration = .seconds(5)) throws {
        var kinds: [(String, ResourceKind)] = [("participants.json", .participants), ("talks.json", .talks)]
        if withSeedArticle { kinds.append(("articles.json", .articles)) }
        for (file, kind) in kinds {
            let bytes = Array(try Data(contentsOf: APITester.seedsDirectory.appendingPathComponent(file)))
            guard case .array(let items) = try JSONParser.parse(bytes) else { throw SeedError.notAnArray(file) }
            for item in items { _ = try store.create(Resource.decode(kind, from: item).get()) }
        }
        var fetch = FetchConfiguration()
        fetch.allowedHosts = ["127.0.0.1"]
        fetch.connectTimeout = .seconds(1)
        fetch.totalTimeout = totalTimeout
        fetch.maxBodyBytes = 64 * 1024
        let application = Application(
            configuration: APIConfiguration(apiKeys: [testKey]), store: store,
            logger: Logger(label: "fetch-test") { _ in SwiftLogNoOpLogHandler() },
            fetchClient: FetchClient(configuration: fetch))
        application.readiness.markReady()
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.loopCount = 1
        server = application.makeServer(configuration: configuration)
        port = try server.start().port
    }

    deinit { server.shutdown() }

    private enum SeedError: Error { case notAnArray(String) }

    /// `POST /v1/articles/fetch` with `{"url": url, "talks": talks}` on a new connection.
    func fetch(_ url: String, talks: [String]? = nil) throws -> HTTPTestResponse {
        var body: JSONObject = ["url": .string(url)]
        if let talks { body["talks"] = .array(talks.map(JSONValue.string)) }
        return try post(JSONValue.object(body).encoded())
    }

    /// `POST /v1/articles/fetch` with raw body bytes.
    func post(_ body: [UInt8]) throws -> HTTPTestResponse {
        let client = try HTTPTestClient(port: port, timeout: 10)
        let head = "POST /v1/articles/fetch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(testKey)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
        try client.send(Array(head.utf8) + body)
        return try client.readResponse()
    }
}

extension HTTPTestResponse {
    /// The body as a JSON object (empty when it is not one).
    var object: JSONObject { (try? JSONParser.parseObject(body)) ?? [:] }
}
