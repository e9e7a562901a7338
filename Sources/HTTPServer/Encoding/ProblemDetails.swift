/// An RFC 9457 problem document: `{"type":…,"title":…,"status":…,"detail":…}`.
package struct ProblemDetails: Sendable, Equatable {
    /// A URI naming the problem type; `about:blank` when the status says it all.
    package var type: String
    package var title: String
    package var status: HTTPStatus
    package var detail: String

    /// A problem for `status`, titled with its reason phrase unless `title` is given.
    package init(status: HTTPStatus, detail: String, title: String? = nil, type: String = "about:blank") {
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.status = status
        self.detail = detail
    }

    /// The media type of problem documents.
    package static let contentType = "application/problem+json"

    /// The document as compact JSON, keys in the order of RFC 9457's examples.
    package func encodedJSON() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + title.utf8.count + detail.utf8.count)
        out.append(contentsOf: #"{"type":"#.utf8)
        Self.appendJSONString(type, to: &out)
        out.append(contentsOf: #","title":"#.utf8)
        Self.appendJSONString(title, to: &out)
        out.append(contentsOf: #","status":"#.utf8)
        out.append(contentsOf: String(status.code).utf8)
        out.append(contentsOf: #","detail":"#.utf8)
        Self.appendJSONString(detail, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// A response with this document as its `application/problem+json` body.
    package func makeResponse(headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        headers[HTTPHeaders.contentType] = Self.contentType
        return HTTPResponse(status: status, headers: headers, body: encodedJSON())
    }

    /// Appends `text` as a JSON string literal (RFC 8259 §7): quotes, backslashes and controls escaped,
    /// other UTF-8 as is.
    package static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
