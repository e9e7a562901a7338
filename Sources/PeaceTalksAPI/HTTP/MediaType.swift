import HTTPServer

/// The parts of a `Content-Type` or `Accept` media range the API looks at (RFC 9110 §8.3.1).
package struct MediaType: Sendable, Equatable {
    /// Lower-cased `type/subtype`.
    package var essence: String
    /// Lower-cased `charset` parameter, unquoted, if present.
    package var charset: String?

    package static let json = "application/json"
    package static let mergePatchJSON = "application/merge-patch+json"
    package static let problemJSON = "application/problem+json"
    package static let csv = "text/csv"

    /// Parses `type/subtype *(; name=value)`; nil when the essence is not `token/token`.
    package init?(_ value: String) {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false)
        let essence = parts[0].trimmingASCIIWhitespace().lowercased()
        let halves = essence.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, !halves[0].isEmpty, !halves[1].isEmpty,
            !essence.contains(" ")
        else { return nil }
        self.essence = essence
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingASCIIWhitespace().lowercased() == "charset" else { continue }
            var charset = pair[1].trimmingASCIIWhitespace()
            if charset.count >= 2, charset.hasPrefix("\""), charset.hasSuffix("\"") {
                charset = String(charset.dropFirst().dropLast())
            }
            self.charset = charset.lowercased()
        }
    }

    /// Whether this is one of `essences` with no charset or `charset=utf-8`.
    package func isUTF8(oneOf essences: [String]) -> Bool {
        essences.contains(essence) && (charset == nil || charset == "utf-8")
    }
}

extension Array where Element == String {
    /// Whether any `Accept` field value lists `mediaRange` (ignoring parameters; `q=0` ranges are not counted).
    func acceptsExplicitly(_ mediaRange: String) -> Bool {
        for value in self {
            for member in value.split(separator: ",") {
                let parts = member.split(separator: ";")
                guard let first = parts.first, first.trimmingASCIIWhitespace().lowercased() == mediaRange else {
                    continue
                }
                let refused = parts.dropFirst().contains {
                    let pair = $0.split(separator: "=", maxSplits: 1).map { $0.trimmingASCIIWhitespace() }
                    return pair.count == 2 && pair[0].lowercased() == "q" && (Double(pair[1]) ?? 1) == 0
                }
                if !refused { return true }
            }
        }
        return false
    }
}
