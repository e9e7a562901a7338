import CSystem
import Logging
import Synchronization

/// What every event loop of one server shares: settings, the responder and the open-connection count.
final class ServerContext: Sendable {
    let configuration: ServerConfiguration
    let responder: any HTTPResponder
    let logger: Logger
    let metrics: MetricsRegistry?
    /// Where requests whose handlers may block are answered.
    let workers: WorkerPool
    /// Connections admitted (not the rejected ones), across all loops.
    private let openConnections = Atomic<Int>(0)
    /// `maxConnections`, or fewer when the process may not open that many files (see `connectionLimit`).
    let connectionLimit: Int

    /// Descriptors kept for everything but admitted connections: listener, epoll and wake descriptors, data
    /// files, fetches, the log, and connections being answered 503 because the server is full.
    static let reservedDescriptors = 128

    init(configuration: ServerConfiguration, responder: any HTTPResponder, logger: Logger, metrics: MetricsRegistry?) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        self.metrics = metrics
        self.workers = WorkerPool(maxThreads: configuration.maxWorkerThreads)
        self.connectionLimit = Self.connectionLimit(for: configuration.maxConnections, logger: logger)
    }

    /// `maxConnections`, after raising the soft limit on open files toward it (and the reserve) as far as the hard
    /// limit allows; when that is not far enough, fewer, with a warning. Otherwise connections past the file
    /// limit would wait unaccepted in the listen queue, neither served nor refused.
    private static func connectionLimit(for maxConnections: Int, logger: Logger) -> Int {
        let files = csystem_raise_open_file_limit(Int64(maxConnections + reservedDescriptors))
        guard files >= 0, files < maxConnections + reservedDescriptors else { return maxConnections }
        let limit = max(1, Int(files) - reservedDescriptors)
        logger.warning(
            "the open-file limit allows fewer connections than max_connections; the rest are answered 503",
            metadata: [
                "max_connections": "\(maxConnections)", "open_file_limit": "\(files)", "connections": "\(limit)",
            ])
        return limit
    }

    /// Counts a new connection in, or returns false when the server is full.
    func admitConnection() -> Bool {
        let count = openConnections.wrappingAdd(1, ordering: .relaxed).newValue
        guard count <= connectionLimit else {
            openConnections.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        metrics?.connectionOpened()
        return true
    }

    /// Counts an admitted connection out.
    func releaseConnection() {
        openConnections.wrappingSubtract(1, ordering: .relaxed)
        metrics?.connectionClosed()
    }
}
