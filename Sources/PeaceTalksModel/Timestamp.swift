import Foundation

/// RFC 3339 time coding for the API: input accepts `Z` or a numeric offset and fractional seconds; times are kept
/// in whole seconds (fractions are dropped) and written in UTC exactly as the contract shows: `2017-01-23T09:00:00Z`.
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
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > start, index - start <= 9 else { return nil }
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
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// Formats `date` in UTC as RFC 3339, in whole seconds.
    package static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let day = CalendarDate(daysSinceEpoch: Int(days))?.description ?? "0000-01-01"
        let secondsOfDay = Int(secondOfDay)
        let text =
            day + "T" + CalendarDate.pad(secondsOfDay / 3600, 2) + ":"
            + CalendarDate.pad(secondsOfDay / 60 % 60, 2) + ":" + CalendarDate.pad(secondsOfDay % 60, 2)
        return text + "Z"
    }

    /// Drops the fraction of a second from `date`: the precision times are kept and written with.
    package static func truncatedToSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
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
