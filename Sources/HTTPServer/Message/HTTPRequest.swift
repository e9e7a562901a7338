/// A complete, parsed HTTP/1.x request. A value type: safe to hand between threads.
package struct HTTPRequest: Sendable {
    package var method: HTTPMethod
    /// The request target exactly as sent (origin-form or absolute-form), undecoded.
    package var target: String
    /// The percent-decoded path of the target, always starting with `/` (`*` for `OPTIONS *`).
    package var path: String
    /// Decoded query items in order (`+` is a space, `%XX` is decoded); a key without `=` has an empty value.
    package var query: [(name: String, value: String)]
    package var version: HTTPVersion
    package var headers: HTTPHeaders
    /// The body after framing is removed (chunked decoded); empty when there is none.
    package var body: [UInt8]
    /// Trailer fields of a chunked body, if any (RFC 9112 §7.1.2). Never merged into `headers`.
    package var trailers: HTTPHeaders

    package init(
        method: HTTPMethod,
        target: String,
        path: String,
        query: [(name: String, value: String)] = [],
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        trailers: HTTPHeaders = HTTPHeaders()
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.trailers = trailers
    }

    /// The first value of the query parameter `name`, or nil.
    package func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// Whether the connection stays open after this request (RFC 9112 §9.3): HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    package var keepAlive: Bool {
        let tokens = headers.values(for: HTTPHeaders.connection)
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingASCIIWhitespace() }
        if tokens.contains(where: { $0.equalsIgnoringASCIICase("close") }) { return false }
        if version == .http1_0 { return tokens.contains { $0.equalsIgnoringASCIICase("keep-alive") } }
        return true
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs (HTTP's OWS).
    package func trimmingASCIIWhitespace() -> String {
        var s = self[...]
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
