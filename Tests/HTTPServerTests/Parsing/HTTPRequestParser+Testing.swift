import HTTPServer

/// A request reduced to comparable values, so tables can state what a parse must produce.
struct ParsedRequest: Equatable, Sendable, CustomStringConvertible {
    var method: String
    var target: String
    var path: String
    var query: [String]
    var version: String
    var headers: [String]
    var body: [UInt8]
    var trailers: [String]

    init(
        _ method: String, _ target: String, path: String? = nil, query: [String] = [], version: String = "HTTP/1.1",
        headers: [String], body: String = "", trailers: [String] = []
    ) {
        self.method = method
        self.target = target
        self.path = path ?? target
        self.query = query
        self.version = version
        self.headers = headers
        self.body = Array(body.utf8)
        self.trailers = trailers
    }

    init(_ request: HTTPRequest) {
        method = request.method.rawValue
        target = request.target
        path = request.path
        query = request.query.map { "\($0.name)=\($0.value)" }
        version = request.version.description
        headers = request.headers.map { "\($0.name): \($0.value)" }
        body = request.body
        trailers = request.trailers.map { "\($0.name): \($0.value)" }
    }

    var description: String {
        "\(method) \(target) path=\(path) query=\(query) \(version) headers=\(headers) body=\(body.count)B "
            + "trailers=\(trailers)"
    }
}

/// Everything a parser produced from one input: the requests in order, then the error or the bytes left over.
struct ParseOutcome: Equatable, Sendable, CustomStringConvertible {
    var requests: [ParsedRequest] = []
    var error: HTTPParseError?
    var leftover = 0

    var description: String {
        "\(requests.count) request(s) \(requests), error \(error.map { "\($0)" } ?? "none"), leftover \(leftover)"
    }
}

extension HTTPRequestParser {
    /// Appends each piece in turn, taking every complete request after each one.
    static func outcome(of pieces: [[UInt8]], limits: HTTPParserLimits = HTTPParserLimits()) -> ParseOutcome {
        var parser = HTTPRequestParser(limits: limits)
        var outcome = ParseOutcome()
        for piece in pieces {
            parser.append(piece)
            do {
                while let request = try parser.nextRequest() { outcome.requests.append(ParsedRequest(request)) }
            } catch {
                outcome.error = error
                return outcome
            }
        }
        outcome.leftover = parser.bufferedByteCount
        return outcome
    }

    /// The outcome of `bytes` fed whole.
    static func outcome(of bytes: [UInt8], limits: HTTPParserLimits = HTTPParserLimits()) -> ParseOutcome {
        outcome(of: [bytes], limits: limits)
    }

    /// Every way of feeding `bytes` the tests try: split in two at each boundary, then one byte at a time.
    static func splitFeedings(of bytes: [UInt8]) -> [(name: String, pieces: [[UInt8]])] {
        var feedings: [(name: String, pieces: [[UInt8]])] = []
        for split in 0...bytes.count {
            feedings.append(("split at \(split)", [Array(bytes[..<split]), Array(bytes[split...])]))
        }
        feedings.append(("byte by byte", bytes.map { [$0] }))
        return feedings
    }
}

extension String {
    /// The UTF-8 bytes of the string (tests spell requests as strings with visible `\r\n`).
    var bytes: [UInt8] { Array(utf8) }
}
