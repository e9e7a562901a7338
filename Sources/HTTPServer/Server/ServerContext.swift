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

    init(configuration: ServerConfiguration, responder: any HTTPResponder, logger: Logger, metrics: MetricsRegistry?) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        self.metrics = metrics
        self.workers = WorkerPool(maxThreads: configuration.maxWorkerThreads)
    }

    /// Counts a new connection in, or returns false when the server is full.
    func admitConnection() -> Bool {
        let count = openConnections.wrappingAdd(1, ordering: .relaxed).newValue
        guard count <= configuration.maxConnections else {
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
