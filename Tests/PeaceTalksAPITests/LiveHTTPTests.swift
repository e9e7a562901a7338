import Foundation
import PeaceTalksModel
import PeaceTalksStore
import TestSupport
import Testing

/// What only a real socket shows: framing errors, HEAD, CORS, several requests on one connection.
@Suite(.timeLimit(.minutes(1)))
struct LiveHTTPTests {
    @Test func framingErrors_AreAnsweredWithTheirStatus() throws {
        let api = try APITester(.live)
        let longTarget = "/v1/participants?q=" + String(repeating: "a", count: 9 * 1024)
        let manyHeaders = (0..<120).map { "X-H\($0): v\r\n" }.joined()
        let hugeHeader = "X-Big: " + String(repeating: "b", count: 17 * 1024) + "\r\n"
        let cases: [(String, Int)] = [
            ("GARBAGE\r\n\r\n", 400),
            ("POST /v1/participants HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(testKey)\r\n\r\n", 411),
            ("POST /v1/participants HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", 413),
            ("GET \(longTarget) HTTP/1.1\r\nHost: x\r\n\r\n", 414),
            ("GET /health HTTP/1.1\r\nHost: x\r\n\(hugeHeader)\r\n", 431),
            ("GET /health HTTP/1.1\r\nHost: x\r\n\(manyHeaders)\r\n", 431),
            ("POST /v1/participants HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
            ("POST /v1/participants HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400),
            ("POST /v1/participants HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n",
             400),
            ("GET /health HTTP/2.0\r\nHost: x\r\n\r\n", 505),
        ]
        for (raw, status) in cases {
            let client = try HTTPTestClient(port: api.port)
            try client.send(raw)
            let response = try client.readResponse()
            #expect(response.status == status, "\(raw.prefix(60))")
        }
    }

    @Test func head_HasHeadersWithoutBody() throws {
        let api = try APITester(.live)
        let client = try HTTPTestClient(port: api.port)
        try client.send("HEAD /v1/participants/staffan-de-mistura HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try client.readResponse(method: "HEAD")
        try client.send("GET /v1/participants/staffan-de-mistura HTTP/1.1\r\nHost: x\r\n\r\n")
        let get = try client.readResponse()
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("ETag") == get.header("ETag"))
        #expect(head.header("Content-Length") == String(get.body.count))
        try client.send("HEAD /v1/talks?format=csv HTTP/1.1\r\nHost: x\r\n\r\n")
        let csv = try client.readResponse(method: "HEAD")
        #expect(csv.status == 200)
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
    }

    @Test func corsPreflight_AndOriginHeaders() throws {
        let api = try APITester(.live, corsOrigins: ["https://app.example"])
        let preflight = try api.request("OPTIONS", "/v1/participants/staffan-de-mistura", headers: [
            ("Origin", "https://app.example"), ("Access-Control-Request-Method", "PATCH"),
            ("Access-Control-Request-Headers", "Authorization, Content-Type"),
        ])
        #expect(preflight.status == 204)
        let methods = preflight.header("Access-Control-Allow-Methods") ?? ""
        for method in ["GET", "PUT", "PATCH", "DELETE"] { #expect(methods.contains(method)) }
        #expect(preflight.header("Access-Control-Allow-Origin") == "https://app.example")
        #expect(preflight.header("Access-Control-Allow-Headers")?.contains("If-Match") == true)
        #expect(preflight.header("Access-Control-Max-Age") != nil)
        let get = try api.request("GET", "/v1/talks", headers: [("Origin", "https://app.example")])
        #expect(get.header("Access-Control-Allow-Origin") == "https://app.example")
        #expect(get.header("Access-Control-Expose-Headers")?.contains("X-Total-Count") == true)
        let other = try api.request("GET", "/v1/talks", headers: [("Origin", "https://evil.example")])
        #expect(other.header("Access-Control-Allow-Origin") == nil)
    }

    @Test func requestID_IsEchoedOrGenerated() throws {
        let api = try APITester(.live)
        let echoed = try api.request("GET", "/health", headers: [("X-Request-Id", "abc-123")])
        #expect(echoed.header("X-Request-Id") == "abc-123")
        let generated = try api.request("GET", "/health", headers: [("X-Request-Id", "bad id!")])
        #expect(generated.header("X-Request-Id").map { $0 != "bad id!" && !$0.isEmpty } == true)
    }

    @Test func chunkedWrite_AndPipelinedRequests_AnswerInOrder() throws {
        let api = try APITester(.live)
        let client = try HTTPTestClient(port: api.port)
        let body = #"{"kind":"state","name":{"en":"Chunkland"}}"#
        let chunked = "POST /v1/participants HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(testKey)\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + String(body.utf8.count, radix: 16) + "\r\n" + body + "\r\n0\r\n\r\n"
        try client.send(chunked + "GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /ready HTTP/1.1\r\nHost: x\r\n\r\n")
        let created = try client.readResponse()
        #expect(created.status == 201)
        #expect(created.header("Location") == "/v1/participants/chunkland")
        #expect(try client.readResponse().text.contains("ok"))
        #expect(try client.readResponse().text.contains("ready"))
    }
}
