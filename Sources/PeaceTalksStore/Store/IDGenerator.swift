import Foundation
import PeaceTalksModel

/// Makes time-sortable ids for articles and statements: 10 base-32 digits of the Unix time in milliseconds, then
/// 4 of a per-millisecond counter (lower case, Crockford's alphabet: `0-9a-z` without `i l o u`), e.g.
/// `01h8xk2c4q0000`. Ids made later sort after earlier ones. Not thread-safe: the store calls it under its
/// writer lock.
struct IDGenerator {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    private var lastMillisecond: Int64 = -1
    private var counter = 0

    /// The next id for a write at `now`.
    mutating func makeTimeSortableID(now: Date) -> ResourceID {
        let millisecond = max(Int64((now.timeIntervalSince1970 * 1000).rounded(.down)), lastMillisecond)
        if millisecond == lastMillisecond {
            counter += 1
        } else {
            lastMillisecond = millisecond
            counter = 0
        }
        var bytes = IDGenerator.digits(UInt64(max(millisecond, 0)) &+ UInt64(counter >> 20), count: 10)
        bytes += IDGenerator.digits(UInt64(counter & 0xFFFFF), count: 4)
        return ResourceID(String(decoding: bytes, as: UTF8.self)) ?? .unassigned
    }

    private static func digits(_ value: UInt64, count: Int) -> [UInt8] {
        var value = value
        var bytes = [UInt8](repeating: 0, count: count)
        for index in stride(from: count - 1, through: 0, by: -1) {
            bytes[index] = alphabet[Int(value & 31)]
            value >>= 5
        }
        return bytes
    }
}
