import Foundation
import HTTPServer
import PeaceTalksModel
import PeaceTalksStore
import Testing

@testable import PeaceTalksAPI

@Suite(.timeLimit(.minutes(1)))
struct SystemEndpointTests {
    @Test(arguments: TestMode.allCases)
    func health_AndReadiness(mode: TestMode) throws {
        let api = try APITester(mode, ready: false)
        let health = try api.request("GET", "/health")
        #expect(health.status == 200)
        #expect(health.json == ["status": "ok"])
        let starting = try api.request("GET", "/ready")
        #expect(starting.status == 503)
        #expect(starting.json == ["status": "starting"])
        let blocked = try api.request("GET", "/v1/participants")
        #expect(blocked.status == 503)
        #expect(blocked.header("Content-Type") == "application/problem+json")
        #expect(blocked.header("Retry-After") != nil)
        // Route errors still come first.
        #expect(try api.request("GET", "/v1/unicorns").status == 404)

        api.application.readiness.markReady()
        let ready = try api.request("GET", "/ready")
        #expect(ready.status == 200)
        #expect(ready.json == ["status": "ready"])
        #expect(try api.request("GET", "/v1/participants").status == 200)
    }

    @Test(arguments: TestMode.allCases)
    func metrics_IsPrometheusText(mode: TestMode) throws {
        let api = try APITester(mode)
        try api.request("GET", "/health")
        let metrics = try api.request("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
        #expect(metrics.text.contains("# TYPE"))
    }

    @Test(arguments: TestMode.allCases)
    func openAPI_IsServedByteForByte_WithETag(mode: TestMode) throws {
        let api = try APITester(mode)
        let response = try api.request("GET", "/openapi.json")
        #expect(response.status == 200)
        let file = APITester.repositoryRoot.appendingPathComponent("Sources/PeaceTalksAPI/Resources/openapi.json")
        #expect(response.body == [UInt8](try Data(contentsOf: file)))
        let etag = try #require(response.header("ETag"))
        #expect(try api.request("GET", "/openapi.json", headers: [("If-None-Match", etag)]).status == 304)
    }

    @Test(arguments: TestMode.allCases)
    func fetch_ChecksAuthMediaTypeAndBody_BeforeFetching(mode: TestMode) throws {
        let api = try APITester(mode)
        #expect(try api.request("POST", "/v1/articles/fetch", json: ["url": "https://example.org/"]).status == 401)
        let plain = try api.request("POST", "/v1/articles/fetch", headers: [("Content-Type", "text/html")],
                                    body: "x", auth: true)
        #expect(plain.status == 415)
        #expect(try api.request("POST", "/v1/articles/fetch", json: nil, body: "{", auth: true).status == 415)
        let syntax = try api.request("POST", "/v1/articles/fetch", headers: [("Content-Type", "application/json")],
                                     body: "{\"url\":", auth: true)
        #expect(syntax.status == 400)
        for body: JSONValue in [
            [:], ["url": "ftp://example.org/file"], ["url": "not a url"], ["url": 3],
            ["url": "https://example.org/", "talks": ["no-such-round"]], ["url": "https://example.org/", "x": 1],
        ] {
            let response = try api.request("POST", "/v1/articles/fetch", json: body, auth: true)
            #expect(response.status == 422, "\(body)")
            #expect(response["errors"] != nil)
        }
        // A valid body reaches the fetch client, which refuses loopback (not allow-listed) before any connection
        // or DNS look-up. Fetching itself is tested against a fixture server in Fetch/FetchEndpointTests.
        let valid = try api.request("POST", "/v1/articles/fetch",
                                    json: ["url": "http://127.0.0.1:9/news", "talks": ["astana-talks-2017-01"]],
                                    auth: true)
        #expect(valid.status == 422)
        #expect(valid.header("Content-Type") == "application/problem+json")
        #expect(valid.text.contains("127.0.0.1"))
        #expect(api.store.count(.articles) == 1)
    }

    @Test func writesMayBlock_ReadsStayOnTheLoop() throws {
        let api = try APITester(.inProcess)
        let responder = api.application.responder
        func request(_ method: String, _ path: String) -> HTTPRequest {
            HTTPRequest(method: HTTPMethod(method), target: path, path: path)
        }
        #expect(responder.mayBlock(request("POST", "/v1/participants")))
        #expect(responder.mayBlock(request("PUT", "/v1/talks/x")))
        #expect(responder.mayBlock(request("PATCH", "/v1/talks/x")))
        #expect(responder.mayBlock(request("DELETE", "/v1/talks/x")))
        #expect(responder.mayBlock(request("POST", "/v1/articles/fetch")))
        #expect(!responder.mayBlock(request("GET", "/v1/talks/x")))
        #expect(!responder.mayBlock(request("GET", "/v1/participants")))
        #expect(!responder.mayBlock(request("HEAD", "/health")))
    }

    @Test func generatedAPIKeys_AreLongRandomHex() {
        let first = APIConfiguration.makeAPIKey()
        #expect(first.count == 64)
        #expect(first.allSatisfy { $0.isHexDigit })
        #expect(first != APIConfiguration.makeAPIKey())
    }
}

