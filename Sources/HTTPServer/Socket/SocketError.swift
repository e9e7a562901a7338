#if canImport(Glibc)
import Glibc
#endif

/// A failed socket call, with the `errno` it set and its text.
package struct SocketError: Error, Equatable, CustomStringConvertible {
    /// The call or step that failed, e.g. `bind`.
    package var operation: String
    /// The `errno` value read right after the failing call.
    package var errno: Int32
    /// `strerror(errno)`.
    package var message: String

    package init(operation: String, errno: Int32) {
        self.operation = operation
        self.errno = errno
        self.message = String(cString: strerror(errno))
    }

    /// An error for `operation` from the current `errno`; call only right after a `-1` return.
    package static func makeFailed(_ operation: String) -> SocketError {
        SocketError(operation: operation, errno: Glibc.errno)
    }

    package var description: String { "\(operation) failed: \(message) (errno \(errno))" }
}
