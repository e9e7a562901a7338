import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Gives every request an id: the client's `X-Request-Id` when it matches `[A-Za-z0-9._:-]{1,128}`, else a
/// new one. The id goes into `RequestContext.requestID` and onto the response.
package struct RequestIDMiddleware: HTTPMiddleware {
    private let generator = RequestIDGenerator()

    package init() {}

    package func respond(
        to request: HTTPRequest,
        context: RequestContext,
        next: (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        var context = context
        if let supplied = request.headers[HTTPHeaders.requestID], Self.isAcceptable(supplied) {
            context.requestID = supplied
        } else {
            context.requestID = generator.makeID()
        }
        var response = try next(request, context)
        response.headers[HTTPHeaders.requestID] = context.requestID
        return response
    }

    /// Whether a client-supplied id is safe to echo and log.
    package static func isAcceptable(_ id: String) -> Bool {
        let bytes = id.utf8
        guard (1...128).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"),
                UInt8(ascii: "-"):
                true
            default: false
            }
        }
    }
}

/// Unique ids without a random draw per request: a random per-process prefix and a counter,
/// e.g. `3f9a1c07-1b`.
private final class RequestIDGenerator: Sendable {
    /// Eight hex digits and a hyphen.
    private let prefix: [UInt8]
    private let counter = Atomic<UInt64>(0)

    init() {
        let seed = UInt32.random(in: .min ... .max)
        prefix = (0..<8).map { Self.hexDigit(UInt64(seed) >> (28 - 4 * UInt64($0))) } + [UInt8(ascii: "-")]
    }

    /// Written digit by digit into the string's storage (`String(_:radix:)` plus a concatenation cost about
    /// as much as the rest of this middleware).
    func makeID() -> String {
        let number = counter.wrappingAdd(1, ordering: .relaxed).newValue
        let digits = max(1, (UInt64.bitWidth - number.leadingZeroBitCount + 3) / 4)
        return String(unsafeUninitializedCapacity: prefix.count + digits) { buffer in
            _ = buffer.initialize(fromContentsOf: prefix)
            for index in 0..<digits {
                buffer[prefix.count + index] = Self.hexDigit(number >> UInt64(4 * (digits - 1 - index)))
            }
            return prefix.count + digits
        }
    }

    /// The lowercase hex digit of the low four bits of `value`.
    private static func hexDigit(_ value: UInt64) -> UInt8 {
        let nibble = UInt8(truncatingIfNeeded: value & 0xF)
        return nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
