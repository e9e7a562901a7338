import Foundation

/// Reads the date-time spellings pages use for publication times — RFC 3339 / ISO 8601 (`2017-01-24T08:00:00Z`,
/// `2017-01-24T09:00:00+01:00`, `2017-01-24T09:00:00.000+0100`, `2017-01-24 09:00`), or a bare date (midnight
/// UTC) — as an absolute time. A time without an offset is taken as UTC.
enum PublicationTime {
    /// The time `text` names, or nil.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.trimmingHTMLWhitespace().utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), skip(0x2D), let month = number(2), skip(0x2D), let day = number(2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var components = DateComponents(
            calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: year,
            month: month, day: day, hour: 0, minute: 0, second: 0)
        var offsetSeconds = 0
        if index < bytes.count, bytes[index] == 0x54 || bytes[index] == 0x74 || bytes[index] == 0x20 {
            index += 1
            guard let hour = number(2), skip(0x3A), let minute = number(2), hour < 24, minute < 60 else { return nil }
            components.hour = hour
            components.minute = minute
            if skip(0x3A) {
                guard let second = number(2), second <= 60 else { return nil }
                components.second = min(second, 59)
            }
            if skip(0x2E) || skip(0x2C) {
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            }
            if index < bytes.count {
                let sign = bytes[index]
                if sign == 0x5A || sign == 0x7A {
                    index += 1
                } else if sign == 0x2B || sign == 0x2D {
                    index += 1
                    guard let hours = number(2) else { return nil }
                    _ = skip(0x3A)
                    let minutes = number(2) ?? 0
                    offsetSeconds = (hours * 3600 + minutes * 60) * (sign == 0x2D ? -1 : 1)
                }
            }
        }
        guard index == bytes.count, let date = components.date else { return nil }
        return date.addingTimeInterval(TimeInterval(-offsetSeconds))
    }
}
