#if canImport(Glibc)
import Glibc
#endif

/// Writes one log line into memory sized for it beforehand, so that no write checks for room to grow, as every
/// `[UInt8].append` does.
struct LogLineWriter {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(into bytes: UnsafeMutableBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The most bytes `writeValue(_:)` writes for `value`: every byte escaped, plus the quotes.
    static func maximumLength(ofValue value: String) -> Int {
        2 * value.utf8.count + 2
    }

    mutating func write(_ byte: UInt8) {
        bytes[count] = byte
        count += 1
    }

    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { write($0) }
    }

    /// Writes `value` as it is, or quoted and escaped when it is empty or holds spaces, control characters,
    /// quotes or `=`.
    mutating func writeValue(_ value: String) {
        var value = value
        value.withUTF8 { value in
            let needsQuotes = value.isEmpty
                || value.contains { $0 <= 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") }
            guard needsQuotes else { return write(value) }
            write(UInt8(ascii: "\""))
            for byte in value {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    write(UInt8(ascii: "\\"))
                    write(byte)
                case 0x0A:
                    write(UInt8(ascii: "\\"))
                    write(UInt8(ascii: "n"))
                case 0..<0x20: write(UInt8(ascii: " "))
                default: write(byte)
                }
            }
            write(UInt8(ascii: "\""))
        }
    }

    /// Writes `YYYY-MM-DDTHH:MM:SS.mmmZ` (24 bytes). The date comes from the days since the epoch by Howard
    /// Hinnant's `civil_from_days` (https://howardhinnant.github.io/date_algorithms.html): a few integer
    /// operations where `gmtime_r` took a few hundred instructions per line.
    mutating func writeTimestamp(_ time: timespec) {
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
        writeDigits(year, count: 4, then: "-")
        writeDigits(month, count: 2, then: "-")
        writeDigits(day, count: 2, then: "T")
        writeDigits(secondOfDay / 3_600, count: 2, then: ":")
        writeDigits(secondOfDay / 60 % 60, count: 2, then: ":")
        writeDigits(secondOfDay % 60, count: 2, then: ".")
        writeDigits(time.tv_nsec / 1_000_000, count: 3, then: "Z")
    }

    private mutating func write(_ source: UnsafeBufferPointer<UInt8>) {
        _ = UnsafeMutableBufferPointer(rebasing: bytes[count...]).initialize(fromContentsOf: source)
        count += source.count
    }

    private mutating func writeDigits(_ value: Int, count digits: Int, then separator: Unicode.Scalar) {
        var rest = value
        for position in (count..<count + digits).reversed() {
            bytes[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        count += digits
        write(UInt8(ascii: separator))
    }
}
