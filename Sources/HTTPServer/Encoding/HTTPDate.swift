#if canImport(Glibc)
import Glibc
#endif

/// The IMF-fixdate form of the `Date` header (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
///
/// Formatted by table lookups from `gmtime_r` (about 0.2 µs; `DateFormatter` costs 1.5–2.8 µs) and
/// cached: the text changes once per second, so a loop formats it at most once per second.
package struct HTTPDate {
    /// The 29 bytes of the current value.
    package private(set) var bytes: [UInt8]
    private var second: time_t

    /// A cache holding the formatted value of `second` (seconds since the epoch).
    package init(second: time_t = time(nil)) {
        self.second = second
        self.bytes = Self.format(second)
    }

    /// Brings the cached value to `now` (seconds since the epoch); formats only when the second changed.
    package mutating func update(to now: time_t) {
        guard now != second else { return }
        second = now
        bytes = Self.format(now)
    }

    /// Formats `second` (seconds since the epoch) as an IMF-fixdate.
    package static func format(_ second: time_t) -> [UInt8] {
        var seconds = second
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var out: [UInt8] = []
        out.reserveCapacity(29)
        out.append(contentsOf: weekdays[Int(parts.tm_wday)].utf8)
        out.append(contentsOf: ", ".utf8)
        appendTwoDigits(Int(parts.tm_mday), to: &out)
        out.append(0x20)
        out.append(contentsOf: months[Int(parts.tm_mon)].utf8)
        out.append(0x20)
        let year = Int(parts.tm_year) + 1900
        appendTwoDigits(year / 100, to: &out)
        appendTwoDigits(year % 100, to: &out)
        out.append(0x20)
        appendTwoDigits(Int(parts.tm_hour), to: &out)
        out.append(UInt8(ascii: ":"))
        appendTwoDigits(Int(parts.tm_min), to: &out)
        out.append(UInt8(ascii: ":"))
        appendTwoDigits(Int(parts.tm_sec), to: &out)
        out.append(contentsOf: " GMT".utf8)
        return out
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func appendTwoDigits(_ value: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "0") + UInt8(value / 10))
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
