import Dispatch
import Foundation
import Logging
import Synchronization

/// The HTTP/1.1 server: a listening socket served by `loopCount` event-loop threads.
///
/// `start()` binds and returns the bound address; `shutdown()` drains gracefully; `wait()` blocks until the
/// server has stopped; `run()` is `start()` then `wait()`.
package final class Server: Sendable {
    private enum State {
        case idle
        case running(listener: Socket, loops: [EventLoop])
        case stopping
        case stopped
    }

    private let context: ServerContext
    private let state = Mutex<State>(.idle)
    /// Entered once per loop thread at start, left when the thread ends.
    private let loopsRunning = DispatchGroup()
    private let stopped = DispatchSemaphore(value: 0)

    /// A server answering with `responder`; `metrics`, when given, gets the open-connections gauge.
    package init(
        configuration: ServerConfiguration,
        responder: any HTTPResponder,
        logger: Logger = Logger(label: "http.server"),
        metrics: MetricsRegistry? = nil
    ) {
        context = ServerContext(configuration: configuration, responder: responder, logger: logger, metrics: metrics)
    }

    /// Binds, starts the loop threads and returns the bound address (with the real port when 0 was asked).
    @discardableResult
    package func start() throws -> SocketAddress {
        let configuration = context.configuration
        return try state.withLock { state in
            guard case .idle = state else { throw SocketError(operation: "start (already started)", errno: EALREADY) }
            let listener = try Socket.makeListening(
                host: configuration.host, port: configuration.port, backlog: configuration.backlog
            )
            let address: SocketAddress
            let loops: [EventLoop]
            do {
                address = try listener.localAddress()
                loops = try (0..<max(1, configuration.loopCount)).map { _ in
                    try EventLoop(listener: listener, context: context)
                }
            } catch {
                listener.close()
                throw error
            }
            for (index, loop) in loops.enumerated() { startThread(for: loop, index: index) }
            state = .running(listener: listener, loops: loops)
            context.logger.info("listening", metadata: ["address": "\(address)", "loops": "\(loops.count)"])
            return address
        }
    }

    /// Stops gracefully and returns when every connection is closed: stops accepting (new connections are
    /// refused), closes idle connections, lets in-flight requests finish (their responses say
    /// `Connection: close`) and closes whatever remains after the drain timeout. Safe to call repeatedly
    /// and from any thread; later callers wait for the first.
    package func shutdown() {
        let running: (listener: Socket, loops: [EventLoop])? = state.withLock { state in
            guard case .running(let listener, let loops) = state else { return nil }
            state = .stopping
            return (listener, loops)
        }
        guard let running else {
            wait()
            return
        }
        // On Linux, shutting a listening socket down makes pending and later accepts fail with EINVAL and
        // refuses new connections; it is closed only after every loop has stopped using it.
        running.listener.shutdownReadWrite()
        for loop in running.loops { loop.post(.shutdown) }
        loopsRunning.wait()
        context.workers.stop()
        running.listener.close()
        state.withLock { $0 = .stopped }
        context.logger.info("stopped")
        stopped.signal()
    }

    /// Blocks until the server has stopped (returns at once if it never started).
    package func wait() {
        let mustWait = state.withLock { state in
            switch state {
            case .idle, .stopped: false
            case .running, .stopping: true
            }
        }
        guard mustWait else { return }
        stopped.wait()
        stopped.signal()
    }

    /// Starts, then blocks until `shutdown()` (e.g. from a signal handler) has finished.
    package func run() throws {
        try start()
        wait()
    }

    private func startThread(for loop: EventLoop, index: Int) {
        loopsRunning.enter()
        let group = loopsRunning
        let thread = Thread {
            loop.run()
            group.leave()
        }
        thread.name = "http-loop-\(index)"
        thread.start()
    }
}
