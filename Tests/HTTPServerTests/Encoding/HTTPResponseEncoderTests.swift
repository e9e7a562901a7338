import HTTPServer
import Testing

struct HTTPResponseEncoderTests {
    private let date = Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8)

    private func encode(
        _ response: HTTPResponse, _ connection: HTTPResponseEncoder.ConnectionField = .omitted
    ) -> String {
        var buffer: [UInt8] = []
        HTTPResponseEncoder.encodeHead(response, connection: connection, date: date, into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test func head_HasStatusLine_Fields_ContentLength_AndDate() {
        let headers: HTTPHeaders = [HTTPHeaders.contentType: "application/json"]
        let response = HTTPResponse(status: .ok, headers: headers, body: [1, 2, 3])
        #expect(encode(response) == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 3\r\n"
            + "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
    }

    @Test func connectionField_IsWrittenOnlyWhenNeeded() {
        let response = HTTPResponse(status: .notFound)
        #expect(encode(response, .close) == "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n"
            + "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
        #expect(encode(response, .keepAlive) == "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
            + "Connection: keep-alive\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
    }

    @Test func fieldsOwnedByTheEncoder_AreDroppedFromHandlerHeaders() {
        let response = HTTPResponse(
            status: .created,
            headers: ["content-length": "99", "DATE": "x", "Connection": "keep-alive", "Transfer-Encoding": "chunked",
                      "Location": "/a"],
            body: Array("ab".utf8)
        )
        #expect(encode(response) == "HTTP/1.1 201 Created\r\nLocation: /a\r\nContent-Length: 2\r\n"
            + "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
    }

    @Test(arguments: [HTTPStatus.noContent, .notModified, .continue])
    func statusWithoutBody_HasNoContentLength_AndSendsNoBody(status: HTTPStatus) {
        let response = HTTPResponse(status: status, headers: [HTTPHeaders.etag: #""v1""#], body: [1])
        #expect(encode(response) == "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\nETag: \"v1\"\r\n"
            + "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
        #expect(!HTTPResponseEncoder.sendsBody(response, requestMethod: .get))
    }

    @Test func head_KeepsTheContentLength_ButSendsNoBody() {
        let response = HTTPResponse(body: Array(repeating: 0, count: 1234))
        #expect(encode(response).contains("Content-Length: 1234\r\n"))
        #expect(!HTTPResponseEncoder.sendsBody(response, requestMethod: .head))
        #expect(HTTPResponseEncoder.sendsBody(response, requestMethod: .get))
    }

    @Test func multiDigitStatusAndLengths_AreDecimal() {
        let response = HTTPResponse(status: HTTPStatus(599, "Custom"), body: Array(repeating: 0, count: 1_000_000))
        #expect(encode(response).hasPrefix("HTTP/1.1 599 Custom\r\nContent-Length: 1000000\r\n"))
    }
}

struct HTTPDateTests {
    @Test func format_IsIMFFixdate() {
        #expect(String(decoding: HTTPDate.format(784_111_777), as: UTF8.self) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(String(decoding: HTTPDate.format(0), as: UTF8.self) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(String(decoding: HTTPDate.format(1_709_251_199), as: UTF8.self) == "Thu, 29 Feb 2024 23:59:59 GMT")
    }

    @Test func update_ReformatsOnlyWhenTheSecondChanges() {
        var date = HTTPDate(second: 0)
        date.update(to: 0)
        #expect(String(decoding: date.bytes, as: UTF8.self) == "Thu, 01 Jan 1970 00:00:00 GMT")
        date.update(to: 61)
        #expect(String(decoding: date.bytes, as: UTF8.self) == "Thu, 01 Jan 1970 00:01:01 GMT")
    }
}

struct ProblemDetailsTests {
    @Test func document_IsCompactJSON_WithEscapes() {
        let problem = ProblemDetails(status: .badRequest, detail: "a \"quoted\"\\ line\nnext\u{1}é")
        #expect(String(decoding: problem.encodedJSON(), as: UTF8.self)
            == #"{"type":"about:blank","title":"Bad Request","status":400,"#
            + #""detail":"a \"quoted\"\\ line\nnext\u0001é"}"#)
        let response = problem.makeResponse(headers: [HTTPHeaders.allow: "GET"])
        #expect(response.headers[HTTPHeaders.contentType] == "application/problem+json")
        #expect(response.headers[HTTPHeaders.allow] == "GET")
        #expect(response.status == .badRequest)
    }
}
