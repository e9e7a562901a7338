import HTTPServer
import PeaceTalksModel
import PeaceTalksStore

extension ListPage {
    /// The page as JSON or CSV with its `ETag`, `X-Total-Count` and, when there is a next page,
    /// `Link: <…cursor=…>; rel="next"` (RFC 8288).
    func representation(_ kind: ResourceKind, _ list: ListRequest, for request: HTTPRequest) -> Representation {
        var headers: HTTPHeaders = ["X-Total-Count": String(total)]
        if let nextCursor { headers["Link"] = "<\(request.nextPageTarget(cursor: nextCursor))>; rel=\"next\"" }
        if list.csv {
            // With `q` every item carries `score` and `snippet`, so the header has them even on an empty page.
            return Representation(
                body: csvBody(kind, includeBody: list.includeBody, ranked: list.query.q != nil),
                etag: etag.variant("csv"), contentType: HTTPResponse.csvContentType, headers: headers)
        }
        return Representation(
            body: jsonBody(includeBody: list.includeBody, pretty: list.pretty),
            etag: list.pretty ? etag.weakened : etag, headers: headers)
    }
}

extension HTTPRequest {
    /// This request's target with `cursor` set to `cursor` (other parameters kept, in order).
    func nextPageTarget(cursor: String) -> String {
        let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        var parameters = query.filter { $0.name != "cursor" }
        parameters.append((name: "cursor", value: cursor))
        return path + "?" + parameters.map { Self.percentEncoded($0.name) + "=" + Self.percentEncoded($0.value) }
            .joined(separator: "&")
    }

    /// `text` with everything but RFC 3986 unreserved characters percent-encoded.
    private static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                result += "%"
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return result
    }
}
