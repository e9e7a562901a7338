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
        var line: [UInt8] = []
        line.reserveCapacity(128 + message.utf8.count)
        appendTimestamp(time, to: &line)
        line.append(0x20)
        line.append(contentsOf: level.rawValue.utf8)
        line.append(0x20)
        line.append(contentsOf: label.utf8)
        line.append(contentsOf: ": ".utf8)
        line.append(contentsOf: message.utf8)
        for key in metadata.keys.sorted() {
            line.append(0x20)
            line.append(contentsOf: key.utf8)
            line.append(UInt8(ascii: "="))
            appendValue(metadata[key]!.description, to: &line)
        }
        line.append(0x0A)
        return line
    }

    private static func now() -> timespec {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return spec
    }

    private static func appendTimestamp(_ time: timespec, to line: inout [UInt8]) {
        var seconds = time.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        appendDigits(Int(parts.tm_year) + 1900, count: 4, to: &line)
        line.append(UInt8(ascii: "-"))
        appendDigits(Int(parts.tm_mon) + 1, count: 2, to: &line)
        line.append(UInt8(ascii: "-"))
        appendDigits(Int(parts.tm_mday), count: 2, to: &line)
        line.append(UInt8(ascii: "T"))
        appendDigits(Int(parts.tm_hour), count: 2, to: &line)
        line.append(UInt8(ascii: ":"))
        appendDigits(Int(parts.tm_min), count: 2, to: &line)
        line.append(UInt8(ascii: ":"))
        appendDigits(Int(parts.tm_sec), count: 2, to: &line)
        line.append(UInt8(ascii: "."))
        appendDigits(time.tv_nsec / 1_000_000, count: 3, to: &line)
        line.append(UInt8(ascii: "Z"))
    }

    private static func appendDigits(_ value: Int, count: Int, to line: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        while divisor > 0 {
            line.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    private static func appendValue(_ value: String, to line: inout [UInt8]) {
        let needsQuotes = value.isEmpty
            || value.utf8.contains { $0 <= 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") }
        guard needsQuotes else {
            line.append(contentsOf: value.utf8)
            return
        }
        line.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                line.append(UInt8(ascii: "\\"))
                line.append(byte)
            case 0x0A: line.append(contentsOf: #"\n"#.utf8)
            case 0..<0x20: line.append(UInt8(ascii: " "))
            default: line.append(byte)
            }
        }
        line.append(UInt8(ascii: "\""))
    }
}
