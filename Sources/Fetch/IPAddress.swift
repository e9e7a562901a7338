import CCurl

#if canImport(Glibc)
    import Glibc
#endif

/// An IPv4 or IPv6 address, the unit the SSRF policy decides on.
package enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// An IPv4 address, most significant byte first (127.0.0.1 is `0x7F00_0001`).
    case v4(UInt32)
    /// An IPv6 address, most significant byte first.
    case v6(UInt128)

    /// The address in its usual text form: dotted quad, or RFC 5952 IPv6 without brackets.
    package var description: String {
        switch self {
        case .v4(let value):
            return (0..<4).map { String((value >> (24 - 8 * $0)) & 0xFF) }.joined(separator: ".")
        case .v6:
            var storage = in6_addr()
            withUnsafeMutableBytes(of: &storage) { $0.copyBytes(from: bytes) }
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            guard inet_ntop(AF_INET6, &storage, &text, socklen_t(text.count)) != nil else { return "?" }
            return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// The address bytes in network order (4 or 16 of them).
    package var bytes: [UInt8] {
        switch self {
        case .v4(let value): (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
        case .v6(let value): (0..<16).map { UInt8(truncatingIfNeeded: value >> (120 - 8 * $0)) }
        }
    }

    /// An IPv6 literal as it appears between URL brackets, without a zone id (`::1`, `::ffff:127.0.0.1`).
    package init?(ipv6Literal text: String) {
        var storage = in6_addr()
        guard inet_pton(AF_INET6, text, &storage) == 1 else { return nil }
        let value = withUnsafeBytes(of: &storage) { raw in raw.reduce(UInt128(0)) { $0 << 8 | UInt128($1) } }
        self = .v6(value)
    }

    /// The address a kernel `sockaddr` (AF_INET or AF_INET6) names, or nil for other families.
    package init?(socketAddress pointer: UnsafeRawPointer) {
        switch Int32(pointer.load(as: sockaddr.self).sa_family) {
        case AF_INET:
            let address = pointer.loadUnaligned(as: sockaddr_in.self)
            self = .v4(UInt32(bigEndian: address.sin_addr.s_addr))
        case AF_INET6:
            var address = pointer.loadUnaligned(as: sockaddr_in6.self)
            let value = withUnsafeBytes(of: &address.sin6_addr) { raw in
                raw.reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
            }
            self = .v6(value)
        default:
            return nil
        }
    }
}

extension IPAddress {
    /// A numeric address as libcurl or `inet_ntop` print it (`93.184.216.34`, `2001:db8::1`).
    package init?(numeric text: String) {
        if text.contains(":") {
            self.init(ipv6Literal: text)
        } else if case .address(let address) = IPAddress.parseIPv4(text) {
            self = address
        } else {
            return nil
        }
    }
}
