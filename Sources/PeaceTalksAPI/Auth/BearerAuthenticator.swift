/// Checks `Authorization: Bearer <key>` against the configured API keys in constant time.
///
/// Every configured key is compared in full, whatever the candidate's length, and the results are combined
/// without branching, so the time taken reveals neither which key matched nor how long any key is.
/// Keys are never logged or rendered: the type has no description that shows them.
package struct BearerAuthenticator: Sendable, CustomStringConvertible {
    private let keys: [[UInt8]]

    /// - Parameter keys: the accepted API keys; empty strings are ignored (they could never be sent).
    package init(keys: [String]) {
        self.keys = keys.filter { !$0.isEmpty }.map { Array($0.utf8) }
    }

    /// How many keys are configured (the keys themselves stay private).
    package var keyCount: Int { keys.count }

    package var description: String { "BearerAuthenticator(\(keys.count) keys)" }

    /// Whether the `Authorization` field values carry a configured key with the `Bearer` scheme (RFC 6750 §2.1).
    package func isAuthorized(_ authorization: [String]) -> Bool {
        // A request with several Authorization fields is ambiguous: refuse it rather than pick one.
        guard authorization.count == 1, let token = Self.bearerToken(in: authorization[0]) else { return false }
        var matched: UInt8 = 0
        for key in keys { matched |= Self.constantTimeEquals(token, key) }
        return matched == 1
    }

    /// The token of a `Bearer` credential: the scheme is case-insensitive and followed by one or more spaces.
    private static func bearerToken(in value: String) -> [UInt8]? {
        let bytes = Array(value.utf8)
        let scheme = Array("bearer".utf8)
        guard bytes.count > scheme.count else { return nil }
        for (index, expected) in scheme.enumerated() where bytes[index] | 0x20 != expected { return nil }
        var start = scheme.count
        guard bytes[start] == 0x20 else { return nil }
        while start < bytes.count, bytes[start] == 0x20 { start += 1 }
        var end = bytes.count
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start < end ? Array(bytes[start..<end]) : nil
    }

    /// 1 when `candidate` equals `key`, else 0; the loop always runs over the whole key.
    private static func constantTimeEquals(_ candidate: [UInt8], _ key: [UInt8]) -> UInt8 {
        var difference = UInt64(truncatingIfNeeded: candidate.count ^ key.count)
        for index in key.indices {
            // Past the candidate's end compare against a fixed byte; the length difference already counts.
            let byte = index < candidate.count ? candidate[index] : 0
            difference |= UInt64(byte ^ key[index])
        }
        // Map 0 → 1 and anything else → 0 without a data-dependent branch.
        return UInt8(truncatingIfNeeded: ((difference | (0 &- difference)) >> 63) ^ 1)
    }
}
