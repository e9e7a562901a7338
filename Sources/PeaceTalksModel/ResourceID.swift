/// A resource id: 1–64 characters of `[a-z0-9-]`, starting with a letter or a digit.
///
/// `ResourceID.unassigned` (the empty string, never a valid id) marks a decoded resource whose id the store is
/// still to generate on create.
package struct ResourceID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The longest id accepted, in characters.
    package static let maxLength = 64

    /// The id text.
    package let rawValue: String

    /// Validates `rawValue`; `nil` when it breaks the id syntax.
    package init?(_ rawValue: String) {
        guard ResourceID.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(unchecked rawValue: String) { self.rawValue = rawValue }

    /// The placeholder id of a resource whose id the store generates on create.
    package static let unassigned = ResourceID(unchecked: "")

    /// Whether this is `unassigned`.
    package var isUnassigned: Bool { rawValue.isEmpty }

    /// Whether `text` is a syntactically valid id.
    package static func isValid(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, utf8.count <= maxLength, first != UInt8(ascii: "-") else { return false }
        // Checked in place where the bytes are contiguous (every native string): `allSatisfy` over the UTF-8
        // view cost ~35 instructions a byte, and an id is validated on every request that names one.
        return utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isIDByte) } ?? utf8.allSatisfy(isIDByte)
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }

    /// Orders ids by their UTF-8 bytes (plain ASCII order).
    package static func < (lhs: ResourceID, rhs: ResourceID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The id text.
    package var description: String { rawValue }
}

extension ResourceID: ExpressibleByStringLiteral {
    /// For tests and seeds: traps on an invalid literal, which is a programmer error.
    package init(stringLiteral value: String) {
        guard let id = ResourceID(value) else { preconditionFailure("invalid ResourceID literal \(value)") }
        self = id
    }
}
