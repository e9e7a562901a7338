/// What is known about the request whose head is being parsed.
struct PendingHead: Sendable {
    var method = HTTPMethod.get
    var target = ""
    var path = ""
    var query: [(name: String, value: String)] = []
    var version = HTTPVersion.http1_1
    var hasRequestLine = false
    var targetCarriesAuthority = false
    /// Spaces of the request line seen so far; nil once the request line is complete.
    var targetScan: HTTPRequestParser.TargetScan? = HTTPRequestParser.TargetScan()
    var emptyLines = 0
    /// Bytes of the header section so far: request line and field lines with their CR LF (and, at the end,
    /// the empty line). Trailer fields are added to it.
    var sectionBytes = 0
    /// Header fields in order; a plain array so that capacity is reserved once per request.
    var fields: [HTTPField] = []
    var hostCount = 0
    var contentLength: Int?
    /// Transfer codings of every `Transfer-Encoding` field in order, lower-cased; nil without the field.
    var transferCodings: [String]?
    var expectsContinue = false
    var hasOtherExpectation = false
}

/// The request line taken apart (RFC 9112 §3).
typealias RequestLine = (method: HTTPMethod, target: String, parsedTarget: HTTPRequestTarget, version: HTTPVersion)

/// What the parser has to remember about a header field beyond its name and value.
enum FieldRole {
    case contentLength(Int)
    case transferEncoding([String])
    case host
    case expect(continues: Bool, other: Bool)
    case other
}

extension HTTPRequestParser {
    /// Parses head lines until the empty line that ends the head; false when more bytes are needed.
    mutating func parseHeadLines() throws(HTTPParseError) -> Bool {
        while true {
            let remaining = limits.maxHeaderSectionBytes - head.sectionBytes
            let lineEnd: Int?
            if head.targetScan != nil {
                var targetScan = head.targetScan
                lineEnd = try scanLine(
                    limit: position + remaining, limitError: .headerSectionTooLarge, target: &targetScan)
                head.targetScan = targetScan
            } else {
                // Field lines hold no request-target: the scan that only stops at CR and LF applies.
                lineEnd = try scanLine(limit: position + remaining, limitError: .headerSectionTooLarge)
            }
            guard let lineEnd else { return false }
            let length = lineEnd - position
            if !head.hasRequestLine {
                if length == 0 {
                    // RFC 9112 §2.2 — tolerate a few empty lines before the request line, no more.
                    head.emptyLines += 1
                    guard head.emptyLines <= Self.maxLeadingEmptyLines else {
                        throw .badRequest("Too many empty lines before the request line.")
                    }
                    consume(2)
                    continue
                }
                let maxTarget = limits.maxTargetBytes
                // Taken apart into locals, so that each part moves into `head` rather than being copied.
                let (method, target, parsedTarget, version) = try withLine(endingAt: lineEnd) {
                    (bytes) throws(HTTPParseError) in try Self.parseRequestLine(bytes, maxTarget: maxTarget)
                }
                head.method = method
                head.target = target
                head.path = parsedTarget.path
                head.query = parsedTarget.query
                head.targetCarriesAuthority = parsedTarget.carriesAuthority
                head.version = version
                head.hasRequestLine = true
                head.targetScan = nil
                head.fields.reserveCapacity(16)
            } else if length == 0 {
                head.sectionBytes += 2
                consume(2)
                try finishHead()
                return true
            } else {
                guard head.fields.count < limits.maxHeaderCount else { throw .tooManyHeaders }
                let field = try withLine(endingAt: lineEnd) { (bytes) throws(HTTPParseError) in
                    try Self.parseHeaderField(bytes)
                }
                try note(field.role)
                head.fields.append(HTTPField(name: field.name, value: field.value))
            }
            head.sectionBytes += length + 2
            consume(length + 2)
        }
    }

    /// Records what a field means for framing, `Host` and `Expect`.
    private mutating func note(_ role: FieldRole) throws(HTTPParseError) {
        switch role {
        case .contentLength(let length):
            // RFC 9112 §6.3 — several Content-Length values must agree, or the framing is ambiguous.
            if let known = head.contentLength, known != length { throw .conflictingFraming }
            head.contentLength = length
        case .transferEncoding(let codings):
            head.transferCodings = (head.transferCodings ?? []) + codings
        case .host:
            head.hostCount += 1
        case .expect(let continues, let other):
            head.expectsContinue = head.expectsContinue || continues
            head.hasOtherExpectation = head.hasOtherExpectation || other
        case .other:
            break
        }
    }

    /// Checks the complete head (RFC 9112 §3.2, §6) and decides how the body is framed.
    private mutating func finishHead() throws(HTTPParseError) {
        if head.hostCount > 1 { throw .badRequest("The request has more than one Host field.") }
        if head.version == .http1_1, head.hostCount == 0, !head.targetCarriesAuthority {
            throw .badRequest("An HTTP/1.1 request needs a Host field.")
        }
        if let codings = head.transferCodings {
            // RFC 9112 §6.1 — HTTP/1.0 has no transfer codings; with Content-Length as well the framing is
            // ambiguous (request smuggling); the final coding must be chunked, and only once.
            if head.version == .http1_0 { throw .badRequest("Transfer-Encoding is not allowed in HTTP/1.0.") }
            if head.contentLength != nil { throw .conflictingFraming }
            guard let last = codings.last else { throw .badRequest("Transfer-Encoding is empty.") }
            if codings.count(where: { $0 == "chunked" }) > 1 {
                throw .badRequest("The chunked transfer coding is applied more than once.")
            }
            guard last == "chunked" else { throw .badRequest("The final transfer coding is not chunked.") }
            guard codings.count == 1 else { throw .unsupportedTransferEncoding }
            state = .chunkSize
        } else if let length = head.contentLength {
            if length > limits.maxBodyBytes { throw .bodyTooLarge }
            state = length > 0 ? .fixedBody(remaining: length) : .complete
            if length > 0 { body.reserveCapacity(min(length, 64 * 1024)) }
        } else if head.method == .post || head.method == .put || head.method == .patch {
            throw .lengthRequired
        } else {
            state = .complete
        }
        if head.hasOtherExpectation { throw .expectationFailed }
        // RFC 9110 §10.1.1 — a server ignores 100-continue from an HTTP/1.0 client.
        continuePending = head.expectsContinue && head.version == .http1_1 && !isComplete
    }

    private var isComplete: Bool {
        if case .complete = state { true } else { false }
    }

    /// `method SP request-target SP HTTP-version` (RFC 9112 §3): exactly one space between the parts.
    static func parseRequestLine(
        _ line: UnsafeBufferPointer<UInt8>, maxTarget: Int
    ) throws(HTTPParseError) -> RequestLine {
        var methodEnd = 0
        while methodEnd < line.count, HTTPByteClass.isTokenChar(line[methodEnd]) { methodEnd += 1 }
        guard methodEnd > 0, methodEnd < line.count, line[methodEnd] == HTTPByteClass.space else {
            throw .badRequest("The request line does not start with a method and one space.")
        }
        let targetStart = methodEnd + 1
        var targetEnd = targetStart
        while targetEnd < line.count, line[targetEnd] != HTTPByteClass.space {
            guard HTTPByteClass.isVisibleASCII(line[targetEnd]) else {
                throw .badRequest("The request target holds a byte that is not visible ASCII.")
            }
            targetEnd += 1
        }
        guard targetEnd > targetStart else { throw .badRequest("The request target is empty.") }
        guard targetEnd - targetStart <= maxTarget else { throw .targetTooLong }
        guard targetEnd < line.count else { throw .badRequest("The request line has no HTTP version.") }
        let version = try parseVersion(UnsafeBufferPointer(rebasing: line[(targetEnd + 1)...]))
        let method = HTTPMethod(UnsafeBufferPointer(rebasing: line[..<methodEnd]))
        let target = UnsafeBufferPointer(rebasing: line[targetStart..<targetEnd])
        let text = target.asciiString()
        return (
            method: method,
            target: text,
            parsedTarget: try HTTPRequestTarget(parsing: target, text: text, method: method),
            version: version
        )
    }

    /// `HTTP/` DIGIT `.` DIGIT (RFC 9112 §2.3); well-formed versions other than 1.0 and 1.1 get 505.
    private static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        guard bytes.count == 8, bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "T"),
            bytes[2] == UInt8(ascii: "T"), bytes[3] == UInt8(ascii: "P"), bytes[4] == UInt8(ascii: "/"),
            HTTPByteClass.isDigit(bytes[5]), bytes[6] == UInt8(ascii: "."), HTTPByteClass.isDigit(bytes[7])
        else { throw .badRequest("The HTTP version is malformed.") }
        let version = HTTPVersion(major: Int(bytes[5] - 0x30), minor: Int(bytes[7] - 0x30))
        guard version == .http1_1 || version == .http1_0 else { throw .unsupportedVersion }
        return version
    }

    /// A header field with its meaning for the parser; `Content-Length`, `Transfer-Encoding`, `Host` and
    /// `Expect` values are checked here.
    static func parseHeaderField(
        _ line: UnsafeBufferPointer<UInt8>
    ) throws(HTTPParseError) -> (name: String, value: String, role: FieldRole) {
        let (name, value) = try parseFieldLine(line)
        let role: FieldRole
        var nameText: String?
        switch name.count {
        case 4 where name.equalsLowercased("host"):
            guard HTTPRequestTarget.isValidAuthority(value, requireHost: false, requirePort: false) else {
                throw .badRequest("The Host field is not a valid host[:port].")
            }
            role = .host
            // Every HTTP/1.1 request has this field, nearly always spelled so: the constant saves a string.
            if name.equals("Host") { nameText = HTTPHeaders.host }
        case 6 where name.equalsLowercased("expect"):
            var continues = false
            var other = false
            for expectation in value.split(byte: UInt8(ascii: ",")) {
                let trimmed = expectation.trimmingWhitespace()
                if trimmed.isEmpty { continue }
                if trimmed.equalsLowercased("100-continue") { continues = true } else { other = true }
            }
            role = .expect(continues: continues, other: other)
        case 14 where name.equalsLowercased("content-length"):
            role = .contentLength(try parseContentLength(value))
        case 17 where name.equalsLowercased("transfer-encoding"):
            var codings: [String] = []
            for coding in value.split(byte: UInt8(ascii: ",")) {
                let trimmed = coding.trimmingWhitespace()
                // RFC 9110 §5.6.1.2 — empty list elements are ignored.
                if !trimmed.isEmpty { codings.append(String(decodingLowercased: trimmed)) }
            }
            role = .transferEncoding(codings)
        default:
            role = .other
        }
        return (nameText ?? name.asciiString(), decodeFieldValue(value), role)
    }

    /// `Content-Length = 1*DIGIT` (RFC 9112 §6.2); a list of identical values is accepted (RFC 9110 §8.6).
    static func parseContentLength(_ value: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Int {
        var result: Int?
        for element in value.split(byte: UInt8(ascii: ",")) {
            let digits = element.trimmingWhitespace()
            guard !digits.isEmpty else { throw .badRequest("Content-Length is empty.") }
            var length = 0
            for byte in digits {
                guard HTTPByteClass.isDigit(byte) else { throw .badRequest("Content-Length is not a number.") }
                let (times10, overflow1) = length.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - 0x30))
                if overflow1 || overflow2 { throw .badRequest("Content-Length is too large to represent.") }
                length = sum
            }
            if let result, result != length { throw .conflictingFraming }
            result = length
        }
        return result ?? 0
    }
}

extension String {
    /// ASCII bytes, lower-cased.
    init(decodingLowercased bytes: UnsafeBufferPointer<UInt8>) {
        self.init(decoding: bytes.lazy.map(HTTPByteClass.lowercased), as: UTF8.self)
    }
}
