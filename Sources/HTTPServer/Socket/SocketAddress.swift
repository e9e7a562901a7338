import CSystem

#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 socket address.
package struct SocketAddress: Sendable, Equatable, CustomStringConvertible {
    /// The address as text, e.g. `127.0.0.1` or `::1`.
    package var host: String
    package var port: Int
    /// Whether the address is IPv6 (`AF_INET6`).
    package var isIPv6: Bool

    package init(host: String, port: Int, isIPv6: Bool) {
        self.host = host
        self.port = port
        self.isIPv6 = isIPv6
    }

    /// `host:port`, with IPv6 hosts in brackets.
    package var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Calls `body` with a `sockaddr` for a numeric `host` (IPv4 or IPv6 literal; `::` means every address).
    static func withSockAddr<R>(
        host: String, port: Int, _ body: (UnsafePointer<sockaddr>, socklen_t, Int32) throws -> R
    ) throws -> R {
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(UInt16(port).bigEndian)
            return try withUnsafePointer(to: &v4) {
                try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    try body($0, socklen_t(MemoryLayout<sockaddr_in>.size), AF_INET)
                }
            }
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(UInt16(port).bigEndian)
            return try withUnsafePointer(to: &v6) {
                try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    try body($0, socklen_t(MemoryLayout<sockaddr_in6>.size), AF_INET6)
                }
            }
        }
        throw SocketError(operation: "inet_pton(\(host))", errno: EINVAL)
    }

    /// The address stored in `storage`, or nil for a family other than IPv4/IPv6.
    init?(_ storage: sockaddr_storage) {
        var storage = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            let v4 = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in.self) }
            var address = v4.sin_addr
            inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
            self.init(host: Self.string(text), port: Int(UInt16(bigEndian: v4.sin_port)), isIPv6: false)
        case AF_INET6:
            let v6 = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in6.self) }
            var address = v6.sin6_addr
            inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
            self.init(host: Self.string(text), port: Int(UInt16(bigEndian: v6.sin6_port)), isIPv6: true)
        default:
            return nil
        }
    }

    private static func string(_ text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
