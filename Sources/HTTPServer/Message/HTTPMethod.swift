/// An HTTP request method (RFC 9110 §9). Methods are case-sensitive tokens.
package struct HTTPMethod: Hashable, Sendable, CustomStringConvertible {
    package let rawValue: String

    package init(_ rawValue: String) { self.rawValue = rawValue }

    package var description: String { rawValue }

    /// Lengths first: `String`'s `==` is fast for equal strings but goes through a Unicode-aware comparison for
    /// unequal ones, and the server compares a request's method with several others per request.
    package static func == (lhs: HTTPMethod, rhs: HTTPMethod) -> Bool {
        lhs.rawValue.utf8.count == rhs.rawValue.utf8.count && lhs.rawValue == rhs.rawValue
    }

    package static let get = HTTPMethod("GET")
    package static let head = HTTPMethod("HEAD")
    package static let post = HTTPMethod("POST")
    package static let put = HTTPMethod("PUT")
    package static let patch = HTTPMethod("PATCH")
    package static let delete = HTTPMethod("DELETE")
    package static let options = HTTPMethod("OPTIONS")
    package static let trace = HTTPMethod("TRACE")
    package static let connect = HTTPMethod("CONNECT")

    /// Safe methods (RFC 9110 §9.2.1) never change server state.
    package var isSafe: Bool { self == .get || self == .head || self == .options || self == .trace }
}
