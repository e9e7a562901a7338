import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A swift-log handler writing `timestamp level label: message key=value…` lines into a shared
/// `LogOutputBuffer` (batched writes, see there).
///
/// Bootstrap it once: `LoggingSystem.bootstrap { BufferedStreamLogHandler(label: $0, output: output) }`,
/// and call `output.close()` on shutdown.
package struct BufferedStreamLogHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?
    package var logLevel: Logger.Level
    private let label: String
    private let output: LogOutputBuffer

    package init(label: String, output: LogOutputBuffer, logLevel: Logger.Level = .info) {
        self.label = label
        self.output = output
        self.logLevel = logLevel
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        // The access log's case: only the event carries metadata, so take it as it is instead of rehashing it.
        if let own = event.metadata {
            if merged.isEmpty { merged = own } else { merged.merge(own) { $1 } }
        }
        if let error = event.error { merged["error"] = .string(String(describing: error)) }
        output.append(Self.formatLine(level: event.level, label: label, message: event.message.description,
                                      metadata: merged, time: Self.now()))
    }

    /// One line: RFC 3339 UTC timestamp with milliseconds, level, label, message, then `key=value` pairs
    /// sorted by key (values with spaces, quotes or `=` are quoted).
    package static func formatLine(
        level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, time: timespec
    ) -> [UInt8] {
        // The (key, text) pairs are sorted in a stack buffer, and their lengths bound the line's: 32 bytes
        // hold the timestamp, separators and line feed, and each pair adds a space and `=`.
        typealias Entry = (key: String, value: String)
        return withUnsafeTemporaryAllocation(of: Entry.self, capacity: metadata.count) { buffer in
            var entries = buffer
            var capacity = 32 + level.rawValue.utf8.count + label.utf8.count + message.utf8.count
            for (offset, index) in metadata.indices.enumerated() {
                let key = metadata.keys[index]
                // `.string` is the common case, and its text needs no `description` call.
                let value = switch metadata.values[index] {
                case .string(let text): text
                case let other: other.description
                }
                entries.initializeElement(at: offset, to: (key, value))
                capacity += 2 + key.utf8.count + LogLineWriter.maximumLength(ofValue: value)
            }
            entries.sort { $0.key < $1.key }
            return [UInt8](unsafeUninitializedCapacity: capacity) { bytes, count in
                var line = LogLineWriter(into: bytes)
                line.writeTimestamp(time)
                line.write(0x20)
                line.write(level.rawValue)
                line.write(0x20)
                line.write(label)
                line.write(UInt8(ascii: ":"))
                line.write(0x20)
                line.write(message)
                for offset in entries.indices {
                    let (key, value) = entries.moveElement(from: offset)
                    line.write(0x20)
                    line.write(key)
                    line.write(UInt8(ascii: "="))
                    line.writeValue(value)
                }
                line.write(0x0A)
                count = line.count
            }
        }
    }

    private static func now() -> timespec {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return spec
    }
}
