import Foundation

/// RFC 3339 time coding for the API: input accepts `Z` or a numeric offset and fractional seconds (kept to the
/// millisecond); output is UTC, `2017-01-23T09:00:00Z`, with `.SSS` only when the milliseconds are not zero.
package enum Timestamp {
    /// Parses an RFC 3339 date-time (`T` or `t`, `Z`/`z` or `±hh:mm`); `nil` when malformed or impossible.
    package static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] | 0x20 == UInt8(ascii: "t"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"),
            let date = CalendarDate(String(decoding: bytes[0..<10], as: UTF8.self)),
            let hour = CalendarDate.digits(bytes, 11, 2), let minute = CalendarDate.digits(bytes, 14, 2),
            let second = CalendarDate.digits(bytes, 17, 2), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var milliseconds = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > start, index - start <= 9,
                let fraction = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self))
            else { return nil }
            milliseconds = (fraction * 1000).rounded()
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        if bytes[index] | 0x20 == UInt8(ascii: "z") {
            index += 1
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let offsetHours = CalendarDate.digits(bytes, index + 1, 2),
                let offsetMinutes = CalendarDate.digits(bytes, index + 4, 2), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let seconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + milliseconds / 1000)
    }

    /// Formats `date` in UTC as RFC 3339 (see the type's note on fractions).
    package static func format(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, milliseconds) = floorDivide(totalMilliseconds, 1000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let day = CalendarDate(daysSinceEpoch: Int(days))?.description ?? "0000-01-01"
        let secondsOfDay = Int(secondOfDay)
        var text =
            day + "T" + CalendarDate.pad(secondsOfDay / 3600, 2) + ":"
            + CalendarDate.pad(secondsOfDay / 60 % 60, 2) + ":" + CalendarDate.pad(secondsOfDay % 60, 2)
        if milliseconds != 0 { text += "." + CalendarDate.pad(Int(milliseconds), 3) }
        return text + "Z"
    }

    /// Rounds `date` to whole milliseconds, the precision times are kept and written with.
    package static func roundedToMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// The UTC calendar date `date` falls on.
    package static func calendarDate(of date: Date) -> CalendarDate? {
        CalendarDate(daysSinceEpoch: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// Midnight UTC at the start of `date`.
    package static func startOfDay(_ date: CalendarDate) -> Date {
        Date(timeIntervalSince1970: Double(date.daysSinceEpoch) * 86_400)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }
}
