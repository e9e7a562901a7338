import CSystem
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One thread running an `epoll_wait` loop over its own connections (level-triggered).
///
/// On the hot path a request costs one `read` and one `sendmsg`: the handler runs inline on this thread.
/// Only requests whose responder says `mayBlock` go to a worker; the worker posts the response back
/// through `inbox` and wakes the loop with its `eventfd`. While a lone worker request is out, and for a moment
/// after it came back (a lone writer's next request follows), the loop polls instead of sleeping: waking a
/// sleeping thread costs tens of microseconds on these virtual machines, as much as the sync a writer waits for.
///
/// `@unchecked Sendable`: everything but `inbox` (a `Mutex`) and the `let`s is touched only by the loop's
/// own thread; other threads reach the loop only through `post(_:)`.
final class EventLoop: @unchecked Sendable {
    /// A message from another thread.
    enum Message {
        /// A worker finished a blocking request of `connection`.
        case completed(ConnectionReference, HTTPResponse)
        /// Stop accepting, close idle connections, let the others finish until the drain deadline.
        case shutdown
    }

    let context: ServerContext
    /// The loop's current `Date` field value, refreshed once per second.
    private(set) var date = HTTPDate()
    /// Monotonic milliseconds, read once per `epoll_wait` return.
    private(set) var now = EventLoop.monotonicMilliseconds()
    /// True once shutdown began: responses say `Connection: close`, idle connections close.
    private(set) var isDraining = false
    /// Scratch space shared by this loop's connections (only one runs at a time).
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    /// Scratch `iovec`s for `sendmsg`.
    let vectors = UnsafeMutablePointer<iovec>.allocate(capacity: EventLoop.maxVectors)
    static let maxVectors = 64

    private let listener: Socket
    private let epollFD: Int32
    private let wakeFD: Int32
    /// Messages for the loop; nil once the loop has ended (its eventfd is closed then).
    private let inbox = Mutex<[Message]?>([])
    private var connections: [HTTPConnection?] = []
    private var connectionCount = 0
    private var isAccepting = true
    private var listenerIsShutDown = false
    private var nextSweep = 0
    private var drainDeadline = 0
    private let granularity: Int
    /// Requests handed to workers and not yet back.
    private var requestsOnWorkers = 0
    /// Until when (monotonic nanoseconds) the loop polls rather than sleeps, while at most one request is on a
    /// worker.
    private var spinDeadline: UInt64 = 0
    private static let spinNanoseconds: UInt64 = 300_000

    private static let listenerToken = UInt64.max
    private static let wakeToken = UInt64.max - 1

    init(listener: Socket, context: ServerContext) throws {
        self.listener = listener
        self.context = context
        self.granularity = context.configuration.timerGranularityMilliseconds
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { throw SocketError.makeFailed("epoll_create1") }
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeFD >= 0 else {
            Glibc.close(epollFD)
            throw SocketError.makeFailed("eventfd")
        }
        guard csystem_epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, CSYSTEM_EPOLLIN, Self.wakeToken) == 0,
            // EPOLLEXCLUSIVE: one waiting loop is woken per new connection, not all of them.
            csystem_epoll_ctl(
                epollFD, EPOLL_CTL_ADD, listener.fd, CSYSTEM_EPOLLIN | CSYSTEM_EPOLLEXCLUSIVE, Self.listenerToken
            ) == 0
        else {
            let error = SocketError.makeFailed("epoll_ctl")
            Glibc.close(wakeFD)
            Glibc.close(epollFD)
            throw error
        }
    }

    deinit {
        Glibc.close(wakeFD)
        readBuffer.deallocate()
        vectors.deallocate()
    }

    /// Hands `message` to the loop thread and wakes it; dropped once the loop has ended (a worker may finish
    /// after a forced shutdown). Safe from any thread.
    func post(_ message: Message) {
        let delivered = inbox.withLock { inbox in
            guard inbox != nil else { return false }
            inbox!.append(message)
            return true
        }
        // Outside the lock: the woken loop takes it at once to drain the inbox, and would spin meanwhile. The
        // eventfd stays open while this object lives (`deinit`), so its number cannot be reused under us.
        guard delivered else { return }
        var one: UInt64 = 1
        _ = Glibc.write(wakeFD, &one, 8)
    }

    /// Runs until shutdown has drained every connection (or the drain deadline passed).
    func run() {
        let capacity = 256
        let tokens = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        let events = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        defer {
            tokens.deallocate()
            events.deallocate()
            inbox.withLock { inbox in inbox = nil }
            Glibc.close(epollFD)
        }
        while true {
            let polls = requestsOnWorkers <= 1 && spinDeadline > 0 && MonotonicClock.nanoseconds() < spinDeadline
            // Yielding between polls: on a busy machine the worker may be waiting for this CPU.
            if polls { sched_yield() }
            let timeout = polls ? 0 : granularity
            let ready = csystem_epoll_wait(epollFD, tokens, events, Int32(capacity), Int32(timeout))
            updateClock()
            if ready < 0, errno != EINTR {
                context.logger.error("epoll_wait failed", metadata: ["error": "\(SocketError.makeFailed("epoll"))"])
            }
            for index in 0..<max(0, Int(ready)) {
                switch tokens[index] {
                case Self.listenerToken: acceptConnections()
                case Self.wakeToken: receiveMessages()
                case let token: connections[Int(token)]?.handle(events: events[index])
                }
            }
            if now >= nextSweep { sweep() }
            if isDraining, connectionCount == 0 || now >= drainDeadline { break }
        }
        for case let connection? in connections { connection.close() }
    }

    // MARK: Connections

    /// Starts watching `connection` for input.
    private func register(_ connection: HTTPConnection) {
        let fd = Int(connection.socket.fd)
        if fd >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: fd + 64 - connections.count))
        }
        connections[fd] = connection
        connectionCount += 1
        if csystem_epoll_ctl(epollFD, EPOLL_CTL_ADD, connection.socket.fd, CSYSTEM_EPOLLIN, UInt64(fd)) != 0 {
            context.logger.error("epoll_ctl failed", metadata: ["error": "\(SocketError.makeFailed("epoll_ctl"))"])
            connection.close()
        }
    }

    /// Changes the events watched for `connection`.
    func setInterest(_ events: UInt32, for connection: HTTPConnection) {
        _ = csystem_epoll_ctl(epollFD, EPOLL_CTL_MOD, connection.socket.fd, events, UInt64(connection.socket.fd))
    }

    /// Forgets a connection that has just closed its socket (closing removed it from the epoll set).
    func connectionDidClose(_ connection: HTTPConnection) {
        connections[Int(connection.socket.fd)] = nil
        connectionCount -= 1
        if connection.isAdmitted { context.releaseConnection() }
    }

    private func acceptConnections() {
        guard isAccepting else { return }
        for _ in 0..<64 {
            let socket: Socket
            do {
                guard let accepted = try listener.accept() else { return }
                socket = accepted
            } catch let error as SocketError where error.errno == EINVAL {
                // The server shut the listener down (see `Server.shutdown()`).
                listenerIsShutDown = true
                stopAccepting()
                return
            } catch {
                // Out of descriptors (EMFILE/ENFILE) or similar: pause until the next sweep instead of spinning.
                context.logger.error("accept failed", metadata: ["error": "\(error)"])
                stopAccepting()
                return
            }
            let admitted = context.admitConnection()
            let connection = HTTPConnection(socket: socket, loop: self, isAdmitted: admitted)
            register(connection)
            if !admitted { connection.rejectAsOverloaded() }
        }
    }

    private func stopAccepting() {
        guard isAccepting else { return }
        isAccepting = false
        _ = csystem_epoll_ctl(epollFD, EPOLL_CTL_DEL, listener.fd, 0, 0)
    }

    private func resumeAccepting() {
        guard !isAccepting, !isDraining, !listenerIsShutDown else { return }
        isAccepting = true
        let events = CSYSTEM_EPOLLIN | CSYSTEM_EPOLLEXCLUSIVE
        _ = csystem_epoll_ctl(epollFD, EPOLL_CTL_ADD, listener.fd, events, Self.listenerToken)
    }

    // MARK: Messages, timers

    private func receiveMessages() {
        var count: UInt64 = 0
        _ = Glibc.read(wakeFD, &count, 8)
        let messages = inbox.withLock { inbox in
            defer { inbox?.removeAll(keepingCapacity: true) }
            return inbox ?? []
        }
        for message in messages {
            switch message {
            case .completed(let reference, let response):
                requestsOnWorkers -= 1
                spinDeadline = MonotonicClock.nanoseconds() + Self.spinNanoseconds
                reference.connection.completeBlockedRequest(with: response)
            case .shutdown:
                beginDraining()
            }
        }
    }

    private func beginDraining() {
        guard !isDraining else { return }
        isDraining = true
        drainDeadline = now + context.configuration.drainTimeout.milliseconds
        stopAccepting()
        for case let connection? in connections { connection.closeIfIdle() }
    }

    private func sweep() {
        nextSweep = now + granularity
        if !isAccepting { resumeAccepting() }
        for case let connection? in connections { connection.checkDeadlines() }
    }

    private func updateClock() {
        now = Self.monotonicMilliseconds()
        date.update(to: time(nil))
    }

    private static func monotonicMilliseconds() -> Int { Int(MonotonicClock.nanoseconds() / 1_000_000) }

    // MARK: Workers

    /// Answers `request` on a worker thread and hands the response back to `connection` on this loop.
    func respondOnWorker(to request: HTTPRequest, for connection: HTTPConnection) {
        let reference = ConnectionReference(connection: connection)
        let responder = context.responder
        requestsOnWorkers += 1
        spinDeadline = MonotonicClock.nanoseconds() + Self.spinNanoseconds
        context.workers.submit {
            let response = responder.respond(to: request)
            self.post(.completed(reference, response))
        }
    }
}

/// A connection carried through a worker and back. `@unchecked Sendable`: the worker never touches it;
/// only the connection's own loop thread dereferences it.
struct ConnectionReference: @unchecked Sendable {
    let connection: HTTPConnection
}
