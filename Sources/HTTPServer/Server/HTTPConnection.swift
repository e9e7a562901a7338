import CSystem

#if canImport(Glibc)
import Glibc
#endif

/// One client connection: its parser, its queued output, keep-alive, pipelining and timeouts.
///
/// Confined to its loop's thread. Responses are queued in request order as a head range in `heads`
/// (encoded by memcpy into a reused buffer) plus the body array itself (never copied), and go out
/// in one `sendmsg` per batch.
final class HTTPConnection {
    /// How a queued response ends the exchange.
    private struct ResponsePlan {
        var method: HTTPMethod
        var connection: HTTPResponseEncoder.ConnectionField
    }

    private enum Chunk {
        /// `heads[start..<end]`.
        case head(start: Int, end: Int)
        case body([UInt8])
    }

    let socket: Socket
    /// Whether the connection counts toward `maxConnections` (the 503-rejected ones do not).
    let isAdmitted: Bool
    private(set) var isClosed = false
    /// `unowned(unsafe)`: the loop closes every connection before it ends and outlives them; a checked
    /// reference would cost an atomic retain on every access in the hot path.
    private unowned(unsafe) let loop: EventLoop
    private var parser: HTTPRequestParser

    private var heads: [UInt8] = []
    private var chunks: [Chunk] = []
    /// Chunks before this index are sent; `sentInChunk` bytes of the next one are.
    private var sentChunks = 0
    private var sentInChunk = 0
    private var bufferedOutputBytes = 0

    /// The plan of the request a worker is answering; no later request is processed until it is back.
    private var blockedRequest: ResponsePlan?
    /// A `Connection: close` response is queued: no more requests; after it, the lingering close.
    private var closesAfterOutput = false
    /// When set, the final response is out and the connection only discards input until this time.
    private var lingerDeadline: Int?
    private var receivedEndOfFile = false
    private var phase = HTTPRequestParser.Phase.idle
    private var phaseStart: Int
    private var lastWriteProgress: Int
    private var interest = CSYSTEM_EPOLLIN

    init(socket: Socket, loop: EventLoop, isAdmitted: Bool) {
        self.socket = socket
        self.loop = loop
        self.isAdmitted = isAdmitted
        self.parser = HTTPRequestParser(limits: loop.context.configuration.limits)
        self.phaseStart = loop.now
        self.lastWriteProgress = loop.now
    }

    // MARK: Events

    /// Reacts to epoll readiness `events`.
    func handle(events: UInt32) {
        if events & CSYSTEM_EPOLLERR != 0 {
            close()
            return
        }
        if events & CSYSTEM_EPOLLOUT != 0 {
            advance()
            if isClosed { return }
        }
        if events & CSYSTEM_EPOLLHUP == 0, events & CSYSTEM_EPOLLIN != 0, blockedRequest != nil {
            // Input arrived while a worker has the request: stop watching for it until the response is queued.
            updateInterest(pausingInput: true)
        } else if events & (CSYSTEM_EPOLLIN | CSYSTEM_EPOLLHUP) != 0 {
            readAvailableBytes()
        }
    }

    private func readAvailableBytes() {
        let result: Socket.IOResult
        do {
            result = try socket.read(into: loop.readBuffer)
        } catch {
            close()
            return
        }
        if lingerDeadline != nil {
            if result == .endOfFile { close() }
            return
        }
        switch result {
        case .bytes(let count):
            parser.append(UnsafeRawBufferPointer(rebasing: loop.readBuffer[0..<count]))
        case .wouldBlock:
            return
        case .endOfFile:
            receivedEndOfFile = true
        }
        advance()
    }

    /// Processes what can be processed, writes what can be written, then closes or adjusts interest.
    private func advance() {
        processRequests()
        if sentChunks < chunks.count { flush() }
        if isClosed { return }
        if sentChunks == chunks.count {
            if closesAfterOutput {
                beginLingeringClose()
                return
            }
            if blockedRequest == nil, receivedEndOfFile || (loop.isDraining && isIdle) {
                close()
                return
            }
        }
        updateInterest()
    }

    // MARK: Requests

    private func processRequests() {
        let limit = loop.context.configuration.maxBufferedOutputBytes
        // Read out once: each use of the existential property copies the responder (retaining its fields).
        let responder = loop.context.responder
        var completedRequest = false
        while blockedRequest == nil, !closesAfterOutput, bufferedOutputBytes < limit {
            let request: HTTPRequest
            do {
                guard let next = try parser.nextRequest() else {
                    if parser.takeContinueRequest(), !receivedEndOfFile {
                        queueRaw(HTTPResponseEncoder.continueResponse)
                    }
                    break
                }
                request = next
            } catch {
                queue(
                    ProblemDetails(status: error.status, detail: error.detail).makeResponse(),
                    plan: ResponsePlan(method: .get, connection: .close)
                )
                break
            }
            completedRequest = true
            let plan = makePlan(for: request)
            if responder.mayBlock(request) {
                blockedRequest = plan
                loop.respondOnWorker(to: request, for: self)
                break
            }
            queue(responder.respond(to: request), plan: plan)
        }
        let newPhase = parser.phase
        if completedRequest || newPhase != phase {
            phase = newPhase
            phaseStart = loop.now
        }
    }

    private func makePlan(for request: HTTPRequest) -> ResponsePlan {
        // Most requests carry no `Connection` field: skip the token parsing of `keepAlive` for them.
        let keepAlive = request.version == .http1_1 && !request.headers.contains(HTTPHeaders.connection)
            || request.keepAlive
        let connection: HTTPResponseEncoder.ConnectionField =
            if !keepAlive || loop.isDraining { .close }
            else if request.version == .http1_0 { .keepAlive }
            else { .omitted }
        return ResponsePlan(method: request.method, connection: connection)
    }

    /// Sends the response of the request that a worker answered, then goes on with pipelined requests.
    func completeBlockedRequest(with response: HTTPResponse) {
        guard !isClosed, var plan = blockedRequest else { return }
        blockedRequest = nil
        if loop.isDraining { plan.connection = .close }
        queue(response, plan: plan)
        advance()
    }

    /// Answers a connection accepted beyond `maxConnections`: 503 with `Retry-After`, then close.
    func rejectAsOverloaded() {
        let retryAfter = String(loop.context.configuration.retryAfterSeconds)
        let problem = ProblemDetails(status: .serviceUnavailable, detail: "The server is at its connection limit.")
        queue(problem.makeResponse(headers: [HTTPHeaders.retryAfter: retryAfter]),
              plan: ResponsePlan(method: .get, connection: .close))
        advance()
    }

    // MARK: Output

    private func queue(_ response: HTTPResponse, plan: ResponsePlan) {
        let start = heads.count
        HTTPResponseEncoder.encodeHead(response, connection: plan.connection, date: loop.date.bytes, into: &heads)
        appendHead(from: start)
        if HTTPResponseEncoder.sendsBody(response, requestMethod: plan.method) {
            chunks.append(.body(response.body))
            bufferedOutputBytes += response.body.count
        }
        if plan.connection == .close { closesAfterOutput = true }
    }

    private func queueRaw(_ bytes: [UInt8]) {
        let start = heads.count
        heads.append(contentsOf: bytes)
        appendHead(from: start)
    }

    /// Records `heads[start...]` as output, extending the previous chunk when it ends there.
    private func appendHead(from start: Int) {
        bufferedOutputBytes += heads.count - start
        if sentChunks < chunks.count, case .head(let previousStart, let end) = chunks[chunks.count - 1],
            end == start
        {
            chunks[chunks.count - 1] = .head(start: previousStart, end: heads.count)
        } else {
            chunks.append(.head(start: start, end: heads.count))
        }
    }

    private func flush() {
        while sentChunks < chunks.count {
            let vectorCount = min(chunks.count - sentChunks, EventLoop.maxVectors)
            let result: Socket.IOResult
            do {
                result = try heads.withUnsafeBytes { try write(headBytes: $0, vectorCount: vectorCount, filled: 0) }
            } catch {
                close()
                return
            }
            guard case .bytes(let written) = result else { return }
            lastWriteProgress = loop.now
            let complete = consume(written)
            if !complete { return }
        }
        heads.removeAll(keepingCapacity: heads.capacity <= 64 * 1024)
        chunks.removeAll(keepingCapacity: true)
        sentChunks = 0
        sentInChunk = 0
    }

    /// Fills `loop.vectors` from the unsent chunks (recursing so each body's storage stays pinned), then
    /// sends them all in one `sendmsg`.
    private func write(headBytes: UnsafeRawBufferPointer, vectorCount: Int, filled: Int) throws -> Socket.IOResult {
        if filled == vectorCount { return try socket.write(loop.vectors, count: vectorCount) }
        let skip = filled == 0 ? sentInChunk : 0
        switch chunks[sentChunks + filled] {
        case .head(let start, let end):
            loop.vectors[filled] = iovec(
                iov_base: UnsafeMutableRawPointer(mutating: headBytes.baseAddress! + start + skip),
                iov_len: end - start - skip
            )
            return try write(headBytes: headBytes, vectorCount: vectorCount, filled: filled + 1)
        case .body(let body):
            return try body.withUnsafeBytes { bodyBytes in
                loop.vectors[filled] = iovec(
                    iov_base: UnsafeMutableRawPointer(mutating: bodyBytes.baseAddress! + skip),
                    iov_len: bodyBytes.count - skip
                )
                return try write(headBytes: headBytes, vectorCount: vectorCount, filled: filled + 1)
            }
        }
    }

    /// Marks `count` bytes as sent; returns whether every vector of the last write went out completely.
    private func consume(_ count: Int) -> Bool {
        var remaining = count
        bufferedOutputBytes -= count
        while remaining > 0 {
            let length: Int
            switch chunks[sentChunks] {
            case .head(let start, let end): length = end - start - sentInChunk
            case .body(let body): length = body.count - sentInChunk
            }
            if remaining < length {
                sentInChunk += remaining
                return false
            }
            remaining -= length
            sentChunks += 1
            sentInChunk = 0
        }
        return true
    }

    /// Watches for what the connection can act on. While a worker has a request, input is left unwatched only
    /// once some arrives (`pausingInput`): clients seldom send more meanwhile, and this saves the two `epoll_ctl`
    /// calls that turning input off and on again would cost every blocking request.
    private func updateInterest(pausingInput: Bool = false) {
        var wanted: UInt32 = 0
        let outputLimit = loop.context.configuration.maxBufferedOutputBytes
        if !receivedEndOfFile, !closesAfterOutput, bufferedOutputBytes < outputLimit {
            if blockedRequest == nil {
                wanted |= CSYSTEM_EPOLLIN
            } else if !pausingInput {
                wanted |= interest & CSYSTEM_EPOLLIN
            }
        }
        if sentChunks < chunks.count { wanted |= CSYSTEM_EPOLLOUT }
        guard wanted != interest else { return }
        interest = wanted
        loop.setInterest(wanted, for: self)
    }

    // MARK: Closing and deadlines

    private var isIdle: Bool {
        blockedRequest == nil && sentChunks == chunks.count && phase == .idle && parser.bufferedByteCount == 0
            && lingerDeadline == nil
    }

    /// Closes the connection now if it has nothing in flight (shutdown).
    func closeIfIdle() {
        if isIdle { close() }
    }

    /// Applies the header, body, idle, stalled-output and linger timeouts.
    func checkDeadlines() {
        guard !isClosed, blockedRequest == nil else { return }
        let now = loop.now
        let configuration = loop.context.configuration
        if let lingerDeadline {
            if now >= lingerDeadline { close() }
            return
        }
        if sentChunks < chunks.count {
            if now - lastWriteProgress >= configuration.idleTimeout.milliseconds { close() }
            return
        }
        switch phase {
        case .idle:
            if loop.isDraining || now - phaseStart >= configuration.idleTimeout.milliseconds { close() }
        case .head:
            if now - phaseStart >= configuration.headerTimeout.milliseconds {
                respondWithTimeout("The request's header section did not arrive in time.")
            }
        case .body:
            if now - phaseStart >= configuration.bodyTimeout.milliseconds {
                respondWithTimeout("The request's body did not arrive in time.")
            }
        }
    }

    private func respondWithTimeout(_ detail: String) {
        queue(ProblemDetails(status: .requestTimeout, detail: detail).makeResponse(),
              plan: ResponsePlan(method: .get, connection: .close))
        advance()
    }

    /// After the final response: stop sending, keep reading (and discarding) until the client closes or
    /// the linger time ends. Closing at once with unread input would send a reset that can destroy the
    /// response before the client reads it (RFC 9112 §9.6).
    private func beginLingeringClose() {
        if receivedEndOfFile {
            close()
            return
        }
        socket.shutdownWrite()
        lingerDeadline = loop.now + loop.context.configuration.lingerTimeout.milliseconds
        if interest != CSYSTEM_EPOLLIN {
            interest = CSYSTEM_EPOLLIN
            loop.setInterest(interest, for: self)
        }
    }

    /// Closes the socket and forgets the connection.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        socket.close()
        loop.connectionDidClose(self)
    }
}
