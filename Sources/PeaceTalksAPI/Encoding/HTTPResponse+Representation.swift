import HTTPServer
import PeaceTalksModel

extension HTTPResponse {
    /// The media type of every JSON body the API writes.
    static let jsonContentType = "application/json; charset=utf-8"
    /// The media type of CSV lists.
    static let csvContentType = "text/csv; charset=utf-8"

    /// A JSON response from already encoded bytes.
    static func json(_ body: [UInt8], status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        headers.reserveCapacity(headers.count + 5)
        headers[HTTPHeaders.contentType] = jsonContentType
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// A JSON response encoding `value`, indented when `pretty`.
    static func json(_ value: JSONValue, pretty: Bool = false, status: HTTPStatus = .ok) -> HTTPResponse {
        json(value.encoded(pretty: pretty), status: status)
    }

    /// A `GET` answer with an `ETag`: `304` without a body when `If-None-Match` matches it (RFC 9110 §13.1.2),
    /// else `200` with `body` as `contentType`.
    static func representation(
        _ body: @autoclosure () -> [UInt8], etag: String, contentType: String = jsonContentType,
        headers: HTTPHeaders = HTTPHeaders(), for request: HTTPRequest
    ) -> HTTPResponse {
        var headers = headers
        // ETag, Content-Type, and what the middleware adds (CORS, X-Request-Id): one allocation, not four.
        headers.reserveCapacity(headers.count + 6)
        headers[HTTPHeaders.etag] = etag
        if let condition = EntityTagCondition(fieldValues: request.headers.values(for: HTTPHeaders.ifNoneMatch)),
            condition.matchesWeakly(etag)
        {
            return HTTPResponse(status: .notModified, headers: headers)
        }
        headers[HTTPHeaders.contentType] = contentType
        return HTTPResponse(status: .ok, headers: headers, body: body())
    }
}

/// A `GET` answer before its conditional check: what `HTTPResponse.representation` needs, and what a
/// `ResponseCache` keeps.
struct Representation: Sendable {
    /// The `200` body.
    var body: [UInt8]
    /// The strong or weak, quoted ETag.
    var etag: String
    /// The `Content-Type` of `body`.
    var contentType: String = HTTPResponse.jsonContentType
    /// Further fields for both `200` and `304` (`X-Total-Count`, `Link`).
    var headers: HTTPHeaders = HTTPHeaders()
}

extension HTTPResponse {
    /// `representation` as the answer to `request`: `304` when `If-None-Match` matches, else `200`.
    static func representation(_ representation: Representation, for request: HTTPRequest) -> HTTPResponse {
        .representation(
            representation.body, etag: representation.etag, contentType: representation.contentType,
            headers: representation.headers, for: request)
    }
}

extension String {
    /// This strong ETag made weak (`W/"…"`): for an indented rendering, equivalent to but not byte-equal with
    /// the compact one (RFC 9110 §8.8.1).
    var weakened: String { hasPrefix("W/") ? self : "W/" + self }

    /// A strong ETag for another representation (`csv`) of the same content: `"abc"` → `"abc-csv"`.
    func variant(_ suffix: String) -> String {
        guard hasSuffix("\"") else { return self }
        return dropLast() + "-" + suffix + "\""
    }
}
