import Foundation
import Logging

/// Log entries captured in memory, for assertions on log content.
final class InMemoryLog: @unchecked Sendable {
    struct Entry {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }

    // Guarded by `lock`.
    private var stored: [Entry] = []
    private let lock = NSLock()

    var entries: [Entry] { lock.withLock { stored } }

    func append(_ entry: Entry) { lock.withLock { stored.append(entry) } }

    /// A logger at `trace` whose entries land here.
    func makeLogger() -> Logger {
        var logger = Logger(label: "test") { _ in Handler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    private struct Handler: LogHandler {
        let log: InMemoryLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            log.append(Entry(level: event.level, message: event.message.description,
                             metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
        }
    }
}
