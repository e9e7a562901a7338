/// The value of an `If-None-Match` field (RFC 9110 §13.1.2): `*` or a list of entity tags. (`If-Match` is
/// evaluated by the store, inside its write lock, so that the check and the write are one step.)
package enum EntityTagCondition: Sendable, Equatable {
    /// `*`: any current representation.
    case any
    /// The listed tags, each with its weak flag and opaque part (without quotes).
    case tags([EntityTag])

    /// One entity tag of a condition list (RFC 9110 §8.8.3).
    package struct EntityTag: Sendable, Equatable {
        package var isWeak: Bool
        package var opaque: Substring
    }

    /// Parses every field line of one conditional header; nil when absent. A malformed member is skipped,
    /// so it can never match (a lenient reading, as RFC 9110 §13.1 recommends for recipients).
    package init?(fieldValues: [String]) {
        guard !fieldValues.isEmpty else { return nil }
        var tags: [EntityTag] = []
        for value in fieldValues {
            var rest = Substring(value)
            while true {
                rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
                if rest.isEmpty { break }
                if rest.first == "*" {
                    self = .any
                    return
                }
                var isWeak = false
                if rest.hasPrefix("W/") {
                    isWeak = true
                    rest = rest.dropFirst(2)
                }
                guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else {
                    // Skip to the next member.
                    rest = rest.drop { $0 != "," }
                    continue
                }
                tags.append(EntityTag(isWeak: isWeak, opaque: rest[rest.index(after: rest.startIndex)..<close]))
                rest = rest[rest.index(after: close)...]
            }
        }
        self = .tags(tags)
    }

    /// `If-None-Match` semantics: weak comparison against the current strong, quoted ETag (RFC 9110 §13.1.2).
    package func matchesWeakly(_ currentETag: String) -> Bool {
        switch self {
        case .any: return true
        case .tags(let tags):
            let current = Self.opaque(of: currentETag)
            return tags.contains { $0.opaque == current }
        }
    }

    private static func opaque(of etag: String) -> Substring {
        var value = Substring(etag)
        if value.hasPrefix("W/") { value = value.dropFirst(2) }
        if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
        return value
    }
}
