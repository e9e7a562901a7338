/// Why a request could not be parsed. Each case knows the status the server answers with before
/// closing the connection.
package enum HTTPParseError: Error, Equatable, Sendable {
    /// Malformed request line, header field, chunk framing or percent-encoding.
    case badRequest(String)
    case headerSectionTooLarge
    case tooManyHeaders
    case targetTooLong
    case bodyTooLarge
    case lengthRequired
    case unsupportedTransferEncoding
    case unsupportedVersion
    /// Both `Content-Length` and `Transfer-Encoding`, or conflicting `Content-Length` values (RFC 9112 §6.3).
    case conflictingFraming
    /// An `Expect` field other than `100-continue` (RFC 9110 §10.1.1).
    case expectationFailed

    package var status: HTTPStatus {
        switch self {
        case .badRequest, .conflictingFraming: .badRequest
        case .headerSectionTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .targetTooLong: .uriTooLong
        case .bodyTooLarge: .contentTooLarge
        case .lengthRequired: .lengthRequired
        case .unsupportedTransferEncoding: .notImplemented
        case .unsupportedVersion: .httpVersionNotSupported
        case .expectationFailed: .expectationFailed
        }
    }

    /// A short, safe explanation for the client (never echoes request bytes).
    package var detail: String {
        switch self {
        case .badRequest(let reason): reason
        case .headerSectionTooLarge: "The request's header section is larger than the server accepts."
        case .tooManyHeaders: "The request has more header fields than the server accepts."
        case .targetTooLong: "The request target is longer than the server accepts."
        case .bodyTooLarge: "The request body is larger than the server accepts."
        case .lengthRequired: "A request with a body needs Content-Length or chunked Transfer-Encoding."
        case .unsupportedTransferEncoding: "Only the chunked transfer coding is implemented."
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .conflictingFraming:
            "The request's body framing is ambiguous (Content-Length with Transfer-Encoding, or conflicting lengths)."
        case .expectationFailed: "The only expectation the server meets is 100-continue."
        }
    }
}
