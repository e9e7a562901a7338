import Foundation

/// How a validating decoder treats the server-set members (`created_at`, `updated_at`, `fetched_at`).
package enum DecodingMode: Sendable {
    /// A client's request body: server-set members are ignored, times are left at the epoch for the store to set.
    case input
    /// A resource the server wrote itself (an export to import): `id` and the server-set times are read, and every
    /// rule is checked again (the file may have been edited).
    case stored
    /// A resource read back from this server's own checksummed journal or snapshot: like `.stored`, but its text
    /// was normalised and measured when it was written, so strings are taken as they are (start-up time).
    case replay

    /// Whether `id` and the server-set times come from the document.
    var readsServerFields: Bool { self != .input }
}

extension FieldReader {
    /// Reads `id`: the body's must match `given` (the URL's) when both are there; neither → `.unassigned`.
    mutating func resourceID(given: ResourceID?, mode: DecodingMode) -> ResourceID {
        let bodyID = id("id", required: mode.readsServerFields && given == nil)
        if let given, let bodyID, given != bodyID {
            fail("id", "does not match the id in the URL (\(given.rawValue))")
        }
        return given ?? bodyID ?? .unassigned
    }

    /// Reads `created_at` and `updated_at` in `.stored` mode; the epoch otherwise.
    mutating func serverTimes(mode: DecodingMode) -> (created: Date, updated: Date) {
        guard mode.readsServerFields else { return (Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 0)) }
        let created = time("created_at") ?? Date(timeIntervalSince1970: 0)
        let updated = time("updated_at") ?? created
        return (created, updated)
    }
}

extension Date {
    /// The date as an RFC 3339 JSON string.
    var jsonValue: JSONValue { .string(Timestamp.format(self)) }
}

extension Optional where Wrapped == String {
    /// The string or `null`.
    var jsonValue: JSONValue { map(JSONValue.string) ?? .null }
}

extension Optional where Wrapped == LocalizedText {
    /// The object or `null`.
    var jsonValue: JSONValue { map(\.jsonValue) ?? .null }
}

extension Optional where Wrapped == ResourceID {
    /// The id or `null`.
    var jsonValue: JSONValue { map { .string($0.rawValue) } ?? .null }
}

extension Optional where Wrapped == CalendarDate {
    /// `YYYY-MM-DD` or `null`.
    var jsonValue: JSONValue { map { .string($0.description) } ?? .null }
}

extension Optional where Wrapped == Date {
    /// RFC 3339 or `null`.
    var jsonValue: JSONValue { map(\.jsonValue) ?? .null }
}

extension Array where Element == ResourceID {
    /// The ids as a JSON array.
    var jsonValue: JSONValue { .array(map { .string($0.rawValue) }) }
}

extension Array where Element == String {
    /// The strings as a JSON array.
    var jsonValue: JSONValue { .array(map(JSONValue.string)) }
}
