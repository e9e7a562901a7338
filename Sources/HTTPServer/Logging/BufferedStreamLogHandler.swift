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
        var line = [UInt8](unsafeUninitializedCapacity: 160 + message.utf8.count) { buffer, count in
            count = writeTimestamp(time, into: buffer)
        }
        line.append(0x20)
        appendUTF8(level.rawValue, to: &line)
        line.append(0x20)
        appendUTF8(label, to: &line)
        line.append(contentsOf: ": ".utf8)
        appendUTF8(message, to: &line)
        // Sorting (key, index) pairs in a stack buffer keeps the sort off the heap and leaves the values
        // where they are.
        typealias Entry = (key: String, index: Logger.Metadata.Index)
        withUnsafeTemporaryAllocation(of: Entry.self, capacity: metadata.count) { buffer in
            var entries = buffer
            for (offset, index) in metadata.indices.enumerated() {
                entries.initializeElement(at: offset, to: (metadata.keys[index], index))
            }
            entries.sort { $0.key < $1.key }
            for offset in entries.indices {
                let (key, index) = entries.moveElement(from: offset)
                line.append(0x20)
                appendUTF8(key, to: &line)
                line.append(UInt8(ascii: "="))
                // `.string` is the common case, and its text needs no `description` call.
                switch metadata.values[index] {
                case .string(let string): appendValue(string, to: &line)
                case let value: appendValue(value.description, to: &line)
                }
            }
        }
        line.append(0x0A)
        return line
    }

    private static func now() -> timespec {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return spec
    }

    /// Writes `YYYY-MM-DDTHH:MM:SS.mmmZ` and returns its length (24). The date comes from the days since the
    /// epoch by Howard Hinnant's `civil_from_days` (https://howardhinnant.github.io/date_algorithms.html):
    /// a few integer operations where `gmtime_r` took a few hundred instructions per line.
    private static func writeTimestamp(_ time: timespec, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let seconds = Int(time.tv_sec)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let shifted = days + 719_468  // days since 0000-03-01: a leap day ends its year
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)

        func write(_ value: Int, digits: Int, at offset: Int, then separator: Unicode.Scalar) {
            var rest = value
            for position in (offset..<offset + digits).reversed() {
                buffer[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            buffer[offset + digits] = UInt8(ascii: separator)
        }
        write(year, digits: 4, at: 0, then: "-")
        write(month, digits: 2, at: 5, then: "-")
        write(day, digits: 2, at: 8, then: "T")
        write(secondOfDay / 3_600, digits: 2, at: 11, then: ":")
        write(secondOfDay / 60 % 60, digits: 2, at: 14, then: ":")
        write(secondOfDay % 60, digits: 2, at: 17, then: ".")
        write(time.tv_nsec / 1_000_000, digits: 3, at: 20, then: "Z")
        return 24
    }

    /// Appends the bytes in one copy (`append(contentsOf: string.utf8)` walks the view).
    private static func appendUTF8(_ string: String, to line: inout [UInt8]) {
        var string = string
        string.withUTF8 { line.append(contentsOf: $0) }
    }

    private static func appendValue(_ value: String, to line: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            let needsQuotes = bytes.isEmpty
                || bytes.contains { $0 <= 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") }
            guard needsQuotes else {
                line.append(contentsOf: bytes)
                return
            }
            line.append(UInt8(ascii: "\""))
            for byte in bytes {
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
}
