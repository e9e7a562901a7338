// libFuzzer target for HTTPRequestParser, built by scripts/fuzz-parser.sh together with the sources of
// Sources/HTTPServer/Message and Sources/HTTPServer/Parsing (one module, no SwiftPM).
//
// Each input is parsed whole, split in two at a point taken from its first byte, and (when short) one byte at a
// time. The three outcomes must be identical, every returned request must satisfy the parser's guarantees, and
// a failed parser must keep failing with the same error.

/// Small limits, so that inputs of a few KiB reach every limit check.
private let fuzzLimits: HTTPParserLimits = {
    var limits = HTTPParserLimits()
    limits.maxHeaderSectionBytes = 2048
    limits.maxHeaderCount = 16
    limits.maxTargetBytes = 512
    limits.maxBodyBytes = 4096
    return limits
}()

/// What a request looked like, in a comparable form.
private struct Snapshot: Equatable {
    var method: String
    var target: String
    var path: String
    var query: [String]
    var version: HTTPVersion
    var headers: [String]
    var body: [UInt8]
    var trailers: [String]

    init(_ request: HTTPRequest) {
        method = request.method.rawValue
        target = request.target
        path = request.path
        query = request.query.map { $0.name + "=" + $0.value }
        version = request.version
        headers = request.headers.map { $0.name + ":" + $0.value }
        body = request.body
        trailers = request.trailers.map { $0.name + ":" + $0.value }
    }
}

private struct Outcome: Equatable {
    var requests: [Snapshot] = []
    var error: HTTPParseError?
    var leftover = 0
}

private func parse(_ pieces: [ArraySlice<UInt8>]) -> Outcome {
    var parser = HTTPRequestParser(limits: fuzzLimits)
    var outcome = Outcome()
    for piece in pieces {
        parser.append(Array(piece))
        do {
            while let request = try parser.nextRequest() {
                check(request)
                outcome.requests.append(Snapshot(request))
            }
        } catch {
            outcome.error = error
            // After a throw the parser stays failed with the same error.
            do {
                _ = try parser.nextRequest()
                fatalError("a failed parser returned normally")
            } catch let again {
                precondition(again == error, "a failed parser changed its error")
            }
            return outcome
        }
        precondition(parser.phase != .idle || parser.bufferedByteCount == 0, "idle with bytes buffered")
    }
    outcome.leftover = parser.bufferedByteCount
    return outcome
}

/// The guarantees a returned request gives the server.
private func check(_ request: HTTPRequest) {
    precondition(!request.method.rawValue.isEmpty, "empty method")
    precondition(request.version == .http1_0 || request.version == .http1_1, "unsupported version returned")
    precondition(request.target.utf8.count <= fuzzLimits.maxTargetBytes, "target over the limit")
    precondition(request.target.utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }, "target byte not visible ASCII")
    precondition(
        request.path.hasPrefix("/") || (request.path == "*" && request.method == .options)
            || request.method == .connect,
        "path neither origin nor asterisk")
    precondition(!request.path.utf8.contains(0), "NUL in path")
    precondition(request.body.count <= fuzzLimits.maxBodyBytes, "body over the limit")
    precondition(request.headers.count + request.trailers.count <= fuzzLimits.maxHeaderCount, "too many fields")
    for field in request.headers.fields + request.trailers.fields {
        precondition(!field.name.isEmpty, "empty field name")
        precondition(
            !field.value.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F },
            "control character in a field value")
    }
    let hasLength = request.headers.contains(HTTPHeaders.contentLength)
    let hasEncoding = request.headers.values(for: HTTPHeaders.transferEncoding).contains {
        !$0.trimmingCharacters(in: ", ").isEmpty
    }
    precondition(!(hasLength && hasEncoding), "both Content-Length and Transfer-Encoding")
    if request.version == .http1_1, request.target.hasPrefix("/") {
        precondition(request.headers.values(for: HTTPHeaders.host).count == 1, "HTTP/1.1 without exactly one Host")
    }
}

private extension String {
    /// Drops leading and trailing characters found in `set` (no Foundation in the fuzz build).
    func trimmingCharacters(in set: String) -> Substring {
        var trimmed = self[...]
        while let first = trimmed.first, set.contains(first) { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, set.contains(last) { trimmed = trimmed.dropLast() }
        return trimmed
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = parse([bytes[...]])
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) * bytes.count / 255
    let halves = parse([bytes[..<split], bytes[split...]])
    precondition(halves == whole, "split at \(split) gave another outcome than whole input")
    if bytes.count <= 4096 {
        let single = parse(bytes.indices.map { bytes[$0...$0] })
        precondition(single == whole, "byte-by-byte input gave another outcome than whole input")
    }
    return 0
}
