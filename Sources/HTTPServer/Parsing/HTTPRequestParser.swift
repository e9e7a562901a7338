/// An incremental HTTP/1.1 request parser (RFC 9112). Pure: bytes in, requests out; it never sees a socket.
///
/// Bytes are appended as they arrive; `nextRequest()` returns each complete request in order (pipelining).
/// Every check depends only on the byte stream, never on how it was split: a request fed whole, in two parts
/// or one byte at a time gives the same request or the same error. Scanning resumes where it stopped, so
/// byte-at-a-time input stays linear, and the head is turned into values line by line, so consumed bytes can
/// be dropped from the buffer.
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

    /// Where the next byte belongs.
    enum State: Sendable {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case complete
    }

    package let limits: HTTPParserLimits

    var buffer: [UInt8] = []
    /// The first byte not yet consumed; bytes before it are already parsed into `head`, `body` or `trailers`.
    var position = 0
    /// How far the current line has been scanned (resumes byte-at-a-time input without rescanning).
    var scanIndex = 0
    /// Bytes of the request in progress that were consumed already (they count as buffered until it is returned).
    var consumedOfCurrent = 0
    var state = State.head
    var head = PendingHead()
    var body: [UInt8] = []
    var trailers = HTTPHeaders()
    var failure: HTTPParseError?
    var continuePending = false

    /// At most this many empty lines before a request line are ignored (RFC 9112 §2.2).
    static let maxLeadingEmptyLines = 4
    /// A chunk-size line with its extensions may not be longer than this.
    static let maxChunkLineBytes = 4096

    package init(limits: HTTPParserLimits = HTTPParserLimits()) { self.limits = limits }

    /// Where the parser is within the current request.
    package var phase: Phase {
        switch state {
        case .head: bufferedByteCount > 0 ? .head : .idle
        default: .body
        }
    }

    /// Appends bytes read from the connection. After a parse error the bytes are dropped.
    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, let base = bytes.baseAddress, !bytes.isEmpty else { return }
        compact()
        // Bytes read from a socket are plain `UInt8` storage; no rebinding is needed to copy them.
        let typed = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        buffer.append(contentsOf: typed)
    }

    /// Appends bytes from an array (tests, and callers that already hold one).
    package mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The next complete request, or nil when more bytes are needed. After a throw the connection must be
    /// answered with the error's status and closed; every later call throws the same error.
    package mutating func nextRequest() throws(HTTPParseError) -> HTTPRequest? {
        if let failure { throw failure }
        do {
            guard try parseAvailableBytes() else { return nil }
        } catch {
            failure = error
            continuePending = false
            throw error
        }
        return takeCompleteRequest()
    }

    /// True exactly once per request whose head asked for `Expect: 100-continue` while its body has not
    /// fully arrived: the server then writes `HTTP/1.1 100 Continue` before reading on.
    package mutating func takeContinueRequest() -> Bool {
        guard continuePending else { return false }
        continuePending = false
        return true
    }

    /// Bytes received but not yet consumed as part of a returned request.
    package var bufferedByteCount: Int { buffer.count - position + consumedOfCurrent }

    /// Runs the state machine over the buffered bytes; true once a whole request has been parsed.
    private mutating func parseAvailableBytes() throws(HTTPParseError) -> Bool {
        while true {
            switch state {
            case .head:
                guard try parseHeadLines() else { return false }
            case .fixedBody(let remaining):
                let taken = takeBodyBytes(upTo: remaining)
                guard taken == remaining else {
                    state = .fixedBody(remaining: remaining - taken)
                    return false
                }
                state = .complete
            case .chunkSize:
                guard try parseChunkSizeLine() else { return false }
            case .chunkData(let remaining):
                let taken = takeBodyBytes(upTo: remaining)
                state = taken == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - taken)
                if taken != remaining { return false }
            case .chunkDataEnd:
                guard try parseChunkDataEnd() else { return false }
            case .trailers:
                guard try parseTrailerLines() else { return false }
            case .complete:
                return true
            }
        }
    }

    /// Moves up to `count` buffered bytes into the body; returns how many it moved.
    private mutating func takeBodyBytes(upTo count: Int) -> Int {
        let taken = min(count, buffer.count - position)
        if taken > 0 {
            body.append(contentsOf: buffer[position..<(position + taken)])
            consume(taken)
        }
        return taken
    }

    /// Builds the finished request and resets for the next one; the bytes after it stay buffered.
    private mutating func takeCompleteRequest() -> HTTPRequest {
        // Swapped out, so that the parts move into the request instead of being copied (retained) and then
        // released by the reset.
        var head = PendingHead()
        var body: [UInt8] = []
        var trailers = HTTPHeaders()
        swap(&head, &self.head)
        swap(&body, &self.body)
        swap(&trailers, &self.trailers)
        let request = HTTPRequest(
            method: head.method,
            target: head.target,
            path: head.path,
            query: head.query,
            version: head.version,
            headers: HTTPHeaders(fields: head.fields),
            body: body,
            trailers: trailers
        )
        state = .head
        consumedOfCurrent = 0
        continuePending = false
        return request
    }

    /// Marks `count` bytes at `position` as parsed.
    mutating func consume(_ count: Int) {
        position += count
        consumedOfCurrent += count
        scanIndex = position
    }

    /// Drops consumed bytes when that is cheap: always when everything was consumed, otherwise only once they
    /// outweigh the rest, so that the copying stays linear in the bytes received.
    private mutating func compact() {
        guard position > 0 else { return }
        if position == buffer.count {
            // Keep a normal-sized allocation for the next read; give a large one (a big body) back.
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
        } else if position * 2 >= buffer.count {
            buffer.removeSubrange(0..<position)
        } else {
            return
        }
        scanIndex -= position
        position = 0
    }
}
