import HTTPServer
import Testing

/// A well-formed input and the requests it must produce, whichever way it is fed.
struct ValidCase: Sendable, CustomTestStringConvertible {
    var name: String
    var raw: String
    var expected: [ParsedRequest]
    var testDescription: String { name }
}

/// A malformed input and the error it must produce, whichever way it is fed.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var raw: [UInt8]
    var error: HTTPParseError

    init(_ name: String, _ raw: String, _ error: HTTPParseError) {
        self.name = name
        self.raw = raw.bytes
        self.error = error
    }

    init(_ name: String, bytes: [UInt8], _ error: HTTPParseError) {
        self.name = name
        self.raw = bytes
        self.error = error
    }

    var testDescription: String { name }
}

let validCases: [ValidCase] = [
    ValidCase(
        name: "simple GET",
        raw: "GET /health HTTP/1.1\r\nHost: example.com\r\n\r\n",
        expected: [ParsedRequest("GET", "/health", headers: ["Host: example.com"])]
    ),
    ValidCase(
        name: "decoded path and query",
        raw: "GET /v1/caf%C3%A9/a+b?q=peace+talks&x=%26%3D&flag&&empty=&a=1=2 HTTP/1.1\r\nHost: h\r\n\r\n",
        expected: [
            ParsedRequest(
                "GET", "/v1/caf%C3%A9/a+b?q=peace+talks&x=%26%3D&flag&&empty=&a=1=2", path: "/v1/café/a+b",
                query: ["q=peace talks", "x=&=", "flag=", "empty=", "a=1=2"], headers: ["Host: h"])
        ]
    ),
    ValidCase(
        name: "POST with Content-Length",
        raw: "POST /v1/talks HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
            + "{\"a\": true}",
        expected: [
            ParsedRequest(
                "POST", "/v1/talks", headers: ["Host: h", "Content-Type: application/json", "Content-Length: 11"],
                body: "{\"a\": true}")
        ]
    ),
    ValidCase(
        name: "chunked body with extensions and trailers",
        raw: "PUT /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value;quoted=\"a \\\"b\\\" c\" ; flag\r\nhello\r\n"
            + "B\r\n, world!!\r\n\r\n"
            + "0\r\nX-Checksum: abc\r\nX-Other:  two words \r\n\r\n",
        expected: [
            ParsedRequest(
                "PUT", "/x", headers: ["Host: h", "Transfer-Encoding: chunked"], body: "hello, world!!\r\n",
                trailers: ["X-Checksum: abc", "X-Other: two words"])
        ]
    ),
    ValidCase(
        name: "chunked with upper-case hex, leading zeros and a case-insensitive coding",
        raw: "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:  ChUnKeD \r\n\r\n"
            + "000B\r\nhello world\r\n0000\r\n\r\n",
        expected: [
            ParsedRequest(
                "POST", "/x", headers: ["Host: h", "Transfer-Encoding: ChUnKeD"], body: "hello world")
        ]
    ),
    ValidCase(
        name: "empty Transfer-Encoding list elements are ignored",
        raw: "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: ,chunked\r\nTransfer-Encoding:\r\n\r\n0\r\n\r\n",
        expected: [
            ParsedRequest("POST", "/x", headers: ["Host: h", "Transfer-Encoding: ,chunked", "Transfer-Encoding: "])
        ]
    ),
    ValidCase(
        name: "HTTP/1.0 without Host",
        raw: "GET / HTTP/1.0\r\n\r\n",
        expected: [ParsedRequest("GET", "/", version: "HTTP/1.0", headers: [])]
    ),
    ValidCase(
        name: "absolute-form target satisfies Host",
        raw: "GET http://Example.com:8080/a%20b?x=1 HTTP/1.1\r\n\r\n",
        expected: [
            ParsedRequest("GET", "http://Example.com:8080/a%20b?x=1", path: "/a b", query: ["x=1"], headers: [])
        ]
    ),
    ValidCase(
        name: "absolute-form without a path",
        raw: "GET HTTPS://[::1]?q HTTP/1.1\r\nHost: other\r\n\r\n",
        expected: [ParsedRequest("GET", "HTTPS://[::1]?q", path: "/", query: ["q="], headers: ["Host: other"])]
    ),
    ValidCase(
        name: "OPTIONS *",
        raw: "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n",
        expected: [ParsedRequest("OPTIONS", "*", headers: ["Host: h"])]
    ),
    ValidCase(
        name: "CONNECT authority-form",
        raw: "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
        expected: [ParsedRequest("CONNECT", "example.com:443", headers: ["Host: example.com:443"])]
    ),
    ValidCase(
        name: "leading empty lines are ignored",
        raw: "\r\n\r\n\r\n\r\nDELETE /a HTTP/1.1\r\nHost: h\r\n\r\n",
        expected: [ParsedRequest("DELETE", "/a", headers: ["Host: h"])]
    ),
    ValidCase(
        name: "header values: OWS trimmed, empty, obs-text as UTF-8 or ISO-8859-1",
        raw: "GET / HTTP/1.1\r\nHost:h\r\nX-Empty:\r\nX-Tabs:\t a \t b\t \r\nX-UTF8: café\r\n"
            + "X-Latin1: caf\u{E9}\r\n\r\n",
        expected: [
            ParsedRequest(
                "GET", "/", headers: ["Host: h", "X-Empty: ", "X-Tabs: a \t b", "X-UTF8: café", "X-Latin1: café"])
        ]
    ),
    ValidCase(
        name: "identical Content-Length values, as a list and repeated",
        raw: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3 , 3\r\ncontent-length: 003\r\n\r\nabc",
        expected: [
            ParsedRequest(
                "POST", "/", headers: ["Host: h", "Content-Length: 3 , 3", "content-length: 003"], body: "abc")
        ]
    ),
    ValidCase(
        name: "Content-Length: 0 and a GET body",
        raw: "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n"
            + "Content-Length: 2\r\n\r\nhi",
        expected: [
            ParsedRequest("POST", "/a", headers: ["Host: h", "Content-Length: 0"]),
            ParsedRequest("GET", "/b", headers: ["Host: h", "Content-Length: 2"], body: "hi"),
        ]
    ),
    ValidCase(
        name: "pipelined requests with every framing",
        raw: "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n"
            + "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody"
            + "PATCH /3 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"
            + "HEAD /4 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        expected: [
            ParsedRequest("GET", "/1", headers: ["Host: h"]),
            ParsedRequest("POST", "/2", headers: ["Host: h", "Content-Length: 4"], body: "body"),
            ParsedRequest("PATCH", "/3", headers: ["Host: h", "Transfer-Encoding: chunked"], body: "ok"),
            ParsedRequest("HEAD", "/4", version: "HTTP/1.0", headers: ["Connection: keep-alive"]),
        ]
    ),
    ValidCase(
        name: "Expect: 100-continue with a body",
        raw: "PUT /a HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx",
        expected: [
            ParsedRequest(
                "PUT", "/a", headers: ["Host: h", "Expect: 100-Continue", "Content-Length: 1"], body: "x")
        ]
    ),
    ValidCase(
        name: "chunk extensions with BWS, quoted-pairs and obs-text; trailers with obs-text",
        raw: "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "2 ; a = b ;c=\"\\\\ \t\u{E9}\"\t;d\r\nok\r\n0;last\r\nX-T: \u{E9}t\u{E9}\r\n\r\n",
        expected: [
            ParsedRequest(
                "POST", "/x", headers: ["Host: h", "Transfer-Encoding: chunked"], body: "ok",
                trailers: ["X-T: été"])
        ]
    ),
    ValidCase(
        name: "HTTP/1.0 POST with Content-Length in OWS and tabs",
        raw: "POST /form HTTP/1.0\r\nContent-Length:\t4\t\r\n\r\na=b&",
        expected: [ParsedRequest("POST", "/form", version: "HTTP/1.0", headers: ["Content-Length: 4"], body: "a=b&")]
    ),
    ValidCase(
        name: "unusual methods and hosts",
        raw: "M-SEARCH! /a HTTP/1.1\r\nHost: [::1]:8080\r\n\r\nPURGE /b HTTP/1.1\r\nHost: xn--caf-dma.example\r\n\r\n"
            + "GET /c HTTP/1.1\r\nHost:\r\n\r\n",
        expected: [
            ParsedRequest("M-SEARCH!", "/a", headers: ["Host: [::1]:8080"]),
            ParsedRequest("PURGE", "/b", headers: ["Host: xn--caf-dma.example"]),
            ParsedRequest("GET", "/c", headers: ["Host: "]),
        ]
    ),
]

let malformedCases: [MalformedCase] = [
    // Request line.
    MalformedCase("empty method", " / HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("two spaces after the method", "GET  / HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("two spaces before the version", "GET /  HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("tab as separator", "GET\t/ HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("no version", "GET /\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("trailing space", "GET / HTTP/1.1 \r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("lower-case version", "GET / http/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("two-digit minor version", "GET / HTTP/1.10\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("version without minor", "GET / HTTP/2\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("HTTP/2.0", "GET / HTTP/2.0\r\nHost: h\r\n\r\n", .unsupportedVersion),
    MalformedCase("HTTP/0.9", "GET / HTTP/0.9\r\n\r\n", .unsupportedVersion),
    MalformedCase("HTTP/1.2", "GET / HTTP/1.2\r\nHost: h\r\n\r\n", .unsupportedVersion),
    MalformedCase(
        "too many leading empty lines", "\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    // Line endings.
    MalformedCase("bare LF line endings", "GET / HTTP/1.1\nHost: h\n\n", .badRequest("")),
    MalformedCase("bare LF after a header", "GET / HTTP/1.1\r\nHost: h\n\r\n", .badRequest("")),
    MalformedCase("bare CR in the request line", "GET /\ra HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("bare CR in a header value", "GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n", .badRequest("")),
    MalformedCase("CR CR LF", "GET / HTTP/1.1\r\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("bare LF as a leading empty line", "\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    // Targets.
    MalformedCase("relative target", "GET a/b HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("* without OPTIONS", "GET * HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("*x with OPTIONS", "OPTIONS *x HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("authority-form without CONNECT", "GET h:80 HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("CONNECT without a port", "CONNECT h HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("CONNECT with origin-form", "CONNECT /a HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("ftp absolute-form", "GET ftp://h/a HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("absolute-form with userinfo", "GET http://u@h/a HTTP/1.1\r\n\r\n", .badRequest("")),
    MalformedCase("absolute-form without host", "GET http:///a HTTP/1.1\r\n\r\n", .badRequest("")),
    MalformedCase("truncated escape", "GET /a%2 HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("non-hex escape", "GET /a%zz HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("escaped NUL", "GET /a%00b HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("invalid UTF-8 path", "GET /a%C3%28 HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("overlong UTF-8 path", "GET /%C0%AF HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("malformed query escape", "GET /a?x=%G1 HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("invalid UTF-8 query", "GET /a?x=%FF HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("fragment", "GET /a#frag HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    MalformedCase("raw UTF-8 in the target", "GET /café HTTP/1.1\r\nHost: h\r\n\r\n", .badRequest("")),
    // Header fields.
    MalformedCase("space before colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n", .badRequest("")),
    MalformedCase("tab before colon", "GET / HTTP/1.1\r\nHost\t: h\r\n\r\n", .badRequest("")),
    MalformedCase("obs-fold", "GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n", .badRequest("")),
    MalformedCase("obs-fold with tab", "GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n\tb\r\n\r\n", .badRequest("")),
    MalformedCase("field line right after the request line starts with SP",
        "GET / HTTP/1.1\r\n Host: h\r\n\r\n", .badRequest("")),
    MalformedCase("empty field name", "GET / HTTP/1.1\r\nHost: h\r\n: v\r\n\r\n", .badRequest("")),
    MalformedCase("no colon", "GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", .badRequest("")),
    MalformedCase("NUL in a header value", bytes: "GET / HTTP/1.1\r\nHost: h\r\nX: a".bytes + [0] + "b\r\n\r\n".bytes,
        .badRequest("")),
    MalformedCase("DEL in a header value", "GET / HTTP/1.1\r\nHost: h\r\nX: a\u{7F}\r\n\r\n", .badRequest("")),
    MalformedCase("non-token field name", "GET / HTTP/1.1\r\nHost: h\r\nX(y): v\r\n\r\n", .badRequest("")),
    // Host.
    MalformedCase("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", .badRequest("")),
    MalformedCase("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n", .badRequest("")),
    MalformedCase("two Host fields on HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", .badRequest("")),
    MalformedCase("Host with a path", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", .badRequest("")),
    MalformedCase("Host with userinfo", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", .badRequest("")),
    MalformedCase("Host with a letter port", "GET / HTTP/1.1\r\nHost: a:8x\r\n\r\n", .badRequest("")),
    MalformedCase("Host with a list", "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n", .badRequest("")),
    MalformedCase("Host with an open bracket", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", .badRequest("")),
    // Content-Length.
    MalformedCase("differing Content-Length fields",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", .conflictingFraming),
    MalformedCase("differing Content-Length list", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 4\r\n\r\nabcd",
        .conflictingFraming),
    MalformedCase("Content-Length with a sign", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +5\r\n\r\nabcde",
        .badRequest("")),
    MalformedCase("negative Content-Length", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n",
        .badRequest("")),
    MalformedCase("hex Content-Length", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0x5\r\n\r\nabcde",
        .badRequest("")),
    MalformedCase("Content-Length with an inner space", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1 0\r\n\r\n",
        .badRequest("")),
    MalformedCase("empty Content-Length", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n", .badRequest("")),
    MalformedCase("Content-Length list with an empty element",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5,\r\n\r\nabcde", .badRequest("")),
    MalformedCase("overflowing Content-Length",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n", .badRequest("")),
    MalformedCase("Content-Length with a space before the colon",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length : 5\r\n\r\nabcde", .badRequest("")),
    // Transfer-Encoding and smuggling.
    MalformedCase("Content-Length and Transfer-Encoding",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        .conflictingFraming),
    MalformedCase("Transfer-Encoding then Content-Length",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n0\r\n\r\n",
        .conflictingFraming),
    MalformedCase("xchunked", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
        .badRequest("")),
    MalformedCase("chunked, identity",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked , identity\r\n\r\n0\r\n\r\n", .badRequest("")),
    MalformedCase("chunked twice", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
        .badRequest("")),
    MalformedCase("chunked in two fields",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        .badRequest("")),
    MalformedCase("gzip, chunked", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        .unsupportedTransferEncoding),
    MalformedCase("gzip and chunked in two fields",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        .unsupportedTransferEncoding),
    MalformedCase("chunked then identity in two fields",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n",
        .badRequest("")),
    MalformedCase("identity only", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: identity\r\n\r\n",
        .badRequest("")),
    MalformedCase("vertical tab before chunked",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\u{0B}chunked\r\n\r\n0\r\n\r\n", .badRequest("")),
    MalformedCase("space before the chunk size",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n 1\r\na\r\n0\r\n\r\n", .badRequest("")),
    MalformedCase("chunk size of 17 Fs",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n", .badRequest("")),
    MalformedCase("last chunk without the final CR LF",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nGET / HTTP/1.1\r\n\r\n",
        .badRequest("")),
    MalformedCase("bare CR ending the head", "GET / HTTP/1.1\r\nHost: h\r\n\r\r\n", .badRequest("")),
    MalformedCase("gzip only", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", .badRequest("")),
    MalformedCase("chunked with a parameter",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n", .badRequest("")),
    MalformedCase("quoted chunked", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: \"chunked\"\r\n\r\n0\r\n\r\n",
        .badRequest("")),
    MalformedCase("empty Transfer-Encoding", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: \r\n\r\n",
        .badRequest("")),
    MalformedCase("Transfer-Encoding on HTTP/1.0",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .badRequest("")),
    MalformedCase("obs-folded Transfer-Encoding",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\r\n chunked\r\nContent-Length: 3\r\n\r\nabc",
        .badRequest("")),
    MalformedCase("Transfer-Encoding with a space before the colon",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n", .badRequest("")),
    MalformedCase("NUL inside Transfer-Encoding",
        bytes: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked".bytes + [0] + "\r\n\r\n0\r\n\r\n".bytes,
        .badRequest("")),
    MalformedCase("POST without framing", "POST / HTTP/1.1\r\nHost: h\r\n\r\n", .lengthRequired),
    MalformedCase("PUT without framing", "PUT / HTTP/1.1\r\nHost: h\r\n\r\n", .lengthRequired),
    MalformedCase("PATCH without framing on HTTP/1.0", "PATCH / HTTP/1.0\r\n\r\n", .lengthRequired),
    // Chunked framing.
    MalformedCase("chunk size 0x10", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0x10\r\n",
        .badRequest("")),
    MalformedCase("chunk size -1", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n",
        .badRequest("")),
    MalformedCase("chunk size of 17 digits",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n00000000000000001\r\n", .badRequest("")),
    MalformedCase("chunk size over Int.max",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n", .badRequest("")),
    MalformedCase("huge chunk size",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n7FFFFFFFFFFFFFFF\r\n", .bodyTooLarge),
    MalformedCase("empty chunk size", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n\r\n",
        .badRequest("")),
    MalformedCase("space after the chunk size",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1 \r\na\r\n0\r\n\r\n", .badRequest("")),
    MalformedCase("chunk extension without a name",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;\r\na\r\n0\r\n\r\n", .badRequest("")),
    MalformedCase("chunk extension with an empty value",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;a=\r\na\r\n0\r\n\r\n", .badRequest("")),
    MalformedCase("chunk extension with an open quote",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;a=\"x\r\na\r\n0\r\n\r\n", .badRequest("")),
    MalformedCase("chunk data longer than its size",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n0\r\n\r\n", .badRequest("")),
    MalformedCase("chunk data followed by a bare LF",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\n0\r\n\r\n", .badRequest("")),
    MalformedCase("chunk-size line with a bare LF",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\na\r\n0\r\n\r\n", .badRequest("")),
    MalformedCase("obs-fold in a trailer",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\r\n b\r\n\r\n", .badRequest("")),
    MalformedCase("control character in a trailer",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: \u{1}\r\n\r\n", .badRequest("")),
    // Expect.
    MalformedCase("unknown expectation", "GET / HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\n\r\n", .expectationFailed),
    MalformedCase("100-continue with another expectation",
        "PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue, x\r\nContent-Length: 1\r\n\r\nx", .expectationFailed),
    // A valid request, then a bad one: the first still comes out (checked by the split test below).
    MalformedCase("bad request after a good one",
        "GET / HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\nBad Name: v\r\n\r\n", .badRequest("")),
]

/// Compares the error case only: reasons of `badRequest` are for people, not for these tables.
func sameKind(_ lhs: HTTPParseError?, _ rhs: HTTPParseError?) -> Bool {
    switch (lhs, rhs) {
    case (.badRequest?, .badRequest?): true
    default: lhs == rhs
    }
}

@Suite struct HTTPRequestParserTests {
    @Test(arguments: validCases)
    func validRequest_ParsesTheSame_WholeSplitAndByteByByte(_ testCase: ValidCase) {
        let bytes = testCase.raw.bytes
        let whole = HTTPRequestParser.outcome(of: bytes)
        #expect(whole == ParseOutcome(requests: testCase.expected), "whole")
        for feeding in HTTPRequestParser.splitFeedings(of: bytes) {
            let outcome = HTTPRequestParser.outcome(of: feeding.pieces)
            #expect(outcome == whole, "\(feeding.name)")
            if outcome != whole { break }
        }
    }

    @Test func requestsBeforeAnError_AreReturned_ThenTheErrorSticks() throws {
        var parser = HTTPRequestParser()
        parser.append("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\nBad Name: v\r\n\r\n".bytes)
        let first = try parser.nextRequest()
        #expect(first?.path == "/1")
        #expect(throws: HTTPParseError.self) { try parser.nextRequest() }
    }

    @Test(arguments: malformedCases)
    func malformedRequest_Throws_WholeSplitAndByteByByte(_ testCase: MalformedCase) {
        let whole = HTTPRequestParser.outcome(of: testCase.raw)
        #expect(sameKind(whole.error, testCase.error), "whole: \(whole)")
        for feeding in HTTPRequestParser.splitFeedings(of: testCase.raw) {
            let outcome = HTTPRequestParser.outcome(of: feeding.pieces)
            #expect(outcome == whole, "\(feeding.name)")
            if outcome != whole { break }
        }
    }
}
