/// An HTTP request method (RFC 9110 §9). Methods are case-sensitive tokens.
package struct HTTPMethod: Hashable, Sendable, CustomStringConvertible {
    package let rawValue: String
    /// The length and bytes of a method of at most 7 bytes (every registered one) in one integer, else 0.
    /// Methods are compared several times per request; comparing strings that differ goes through a
    /// Unicode-aware comparison, comparing integers is one instruction.
    private let packed: UInt64

    package init(_ rawValue: String) {
        self.rawValue = rawValue
        self.packed = Self.pack(rawValue.utf8)
    }

    /// A method from its bytes (the parser's): a standard method is its constant, so no string is built for it.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        let packed = Self.pack(bytes)
        for method in Self.standard where method.packed == packed && packed != 0 {
            self = method
            return
        }
        self.rawValue = String(decoding: bytes, as: UTF8.self)
        self.packed = packed
    }

    private static let standard: [HTTPMethod] = [.get, .head, .post, .put, .patch, .delete, .options]

    package var description: String { rawValue }

    /// Byte-wise, as a method is a case-sensitive token (RFC 9110 §9.1).
    package static func == (lhs: HTTPMethod, rhs: HTTPMethod) -> Bool {
        lhs.packed == rhs.packed && (lhs.packed != 0 || lhs.rawValue.utf8.elementsEqual(rhs.rawValue.utf8))
    }

    package func hash(into hasher: inout Hasher) {
        if packed != 0 { hasher.combine(packed) } else { hasher.combine(rawValue) }
    }

    private static func pack(_ bytes: some Collection<UInt8>) -> UInt64 {
        guard (1...7).contains(bytes.count) else { return 0 }
        var packed: UInt64 = 0
        for byte in bytes { packed = packed << 8 | UInt64(byte) }
        return packed | UInt64(bytes.count) << 56
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
