/// An incremental HTTP/1.1 request parser (RFC 9112). Pure: bytes in, requests out; it never sees a socket.
///
/// STUB — the parser helper replaces this body. The interface below is what the server relies on.
package struct HTTPRequestParser: Sendable {
    /// Where the parser is within the current request; the server picks its timeout from it.
    package enum Phase: Sendable, Equatable {
        /// No byte of the next request has arrived.
        case idle
        /// Part of the request line or header section has arrived.
        case head
        /// The head is complete; the body is still arriving.
        case body
    }

    package let limits: HTTPParserLimits
    package private(set) var phase: Phase = .idle

    package init(limits: HTTPParserLimits = HTTPParserLimits()) { self.limits = limits }

    /// Appends bytes read from the connection.
    package mutating func append(_ bytes: UnsafeRawBufferPointer) { fatalError("stub") }

    /// The next complete request, or nil when more bytes are needed. After a throw the connection must be
    /// answered with the error's status and closed; the parser must not be used again.
    package mutating func nextRequest() throws(HTTPParseError) -> HTTPRequest? { fatalError("stub") }

    /// True exactly once per request whose head asked for `Expect: 100-continue` while its body has not
    /// fully arrived: the server then writes `HTTP/1.1 100 Continue` before reading on.
    package mutating func takeContinueRequest() -> Bool { false }

    /// Bytes received but not yet consumed as part of a returned request.
    package var bufferedByteCount: Int { 0 }
}
