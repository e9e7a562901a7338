/// Why a request body is not acceptable JSON, with the byte offset where parsing stopped (maps to a `400`).
package struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The zero-based byte offset of the problem.
    package var offset: Int
    /// What is wrong, in English.
    package var reason: String

    /// Makes an error at `offset`.
    package init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// `reason at byte N`.
    package var description: String { "\(reason) at byte \(offset)" }
}
