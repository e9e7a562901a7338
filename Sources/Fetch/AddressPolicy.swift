/// Decides, without any I/O, whether an address may be contacted: only globally routable unicast is allowed.
///
/// Blocks are from the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and successors). IPv6
/// forms that embed an IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by the embedded address.
package struct AddressPolicy: Sendable {
    /// Whether the documentation networks (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) are refused.
    package var refusesDocumentationNetworks = true

    /// The default policy: every special-purpose block refused, documentation networks included.
    package init(refusesDocumentationNetworks: Bool = true) {
        self.refusesDocumentationNetworks = refusesDocumentationNetworks
    }

    /// Why `address` must not be contacted, or nil when it may be.
    package func violation(for address: IPAddress) -> String? {
        switch address {
        case .v4(let value): violation(v4: value)
        case .v6(let value): violation(v6: value)
        }
    }

    private struct Block<Value: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
        let prefix: Value
        let length: Int
        let reason: String
        var documentation = false

        func contains(_ value: Value) -> Bool {
            length == 0 || value >> (Value.bitWidth - length) == prefix >> (Value.bitWidth - length)
        }
    }

    private static let v4Blocks: [Block<UInt32>] = [
        Block(prefix: 0x0000_0000, length: 8, reason: "\"this network\" 0.0.0.0/8 (includes the unspecified address)"),
        Block(prefix: 0x0A00_0000, length: 8, reason: "private network 10.0.0.0/8 (RFC 1918)"),
        Block(prefix: 0x6440_0000, length: 10, reason: "carrier-grade NAT 100.64.0.0/10 (RFC 6598)"),
        Block(prefix: 0x7F00_0000, length: 8, reason: "loopback 127.0.0.0/8"),
        Block(prefix: 0xA9FE_0000, length: 16, reason: "link-local 169.254.0.0/16 (includes cloud metadata)"),
        Block(prefix: 0xAC10_0000, length: 12, reason: "private network 172.16.0.0/12 (RFC 1918)"),
        Block(prefix: 0xC000_0000, length: 24, reason: "IETF protocol assignments 192.0.0.0/24"),
        Block(prefix: 0xC000_0200, length: 24, reason: "documentation 192.0.2.0/24", documentation: true),
        Block(prefix: 0xC058_6300, length: 24, reason: "6to4 relay anycast 192.88.99.0/24"),
        Block(prefix: 0xC0A8_0000, length: 16, reason: "private network 192.168.0.0/16 (RFC 1918)"),
        Block(prefix: 0xC612_0000, length: 15, reason: "benchmarking 198.18.0.0/15"),
        Block(prefix: 0xC633_6400, length: 24, reason: "documentation 198.51.100.0/24", documentation: true),
        Block(prefix: 0xCB00_7100, length: 24, reason: "documentation 203.0.113.0/24", documentation: true),
        Block(prefix: 0xE000_0000, length: 4, reason: "multicast 224.0.0.0/4"),
        Block(prefix: 0xFFFF_FFFF, length: 32, reason: "limited broadcast 255.255.255.255"),
        Block(prefix: 0xF000_0000, length: 4, reason: "reserved 240.0.0.0/4"),
    ]

    private static let v6Blocks: [Block<UInt128>] = [
        Block(prefix: 0, length: 128, reason: "IPv6 unspecified address ::"),
        Block(prefix: 1, length: 128, reason: "IPv6 loopback ::1"),
        Block(prefix: 0, length: 96, reason: "deprecated IPv4-compatible IPv6 address ::/96"),
        Block(prefix: 0x0064_FF9B_0001 << 80, length: 48, reason: "local-use NAT64 64:ff9b:1::/48"),
        Block(prefix: 0x0100 << 112, length: 64, reason: "IPv6 discard-only 100::/64"),
        Block(prefix: 0x2001 << 112, length: 32, reason: "Teredo tunnel 2001::/32"),
        Block(prefix: 0x2001_0DB8 << 96, length: 32, reason: "IPv6 documentation 2001:db8::/32", documentation: true),
        Block(prefix: 0xFC00 << 112, length: 7, reason: "IPv6 unique local address fc00::/7"),
        Block(prefix: 0xFE80 << 112, length: 10, reason: "IPv6 link-local fe80::/10"),
        Block(prefix: 0xFEC0 << 112, length: 10, reason: "deprecated IPv6 site-local fec0::/10"),
        Block(prefix: 0xFF00 << 112, length: 8, reason: "IPv6 multicast ff00::/8"),
    ]

    private func violation(v4 value: UInt32) -> String? {
        Self.v4Blocks.first { $0.contains(value) && (refusesDocumentationNetworks || !$0.documentation) }?.reason
    }

    private func violation(v6 value: UInt128) -> String? {
        let embedded = UInt32(truncatingIfNeeded: value)
        if value >> 32 == 0xFFFF {
            return violation(v4: embedded).map { "IPv4-mapped IPv6 address embedding \($0)" }
        }
        if value >> 32 == 0x0064_FF9B << 64 {
            return violation(v4: embedded).map { "NAT64 64:ff9b::/96 address embedding \($0)" }
        }
        if value >> 112 == 0x2002 {
            let sixToFour = UInt32(truncatingIfNeeded: value >> 80)
            return violation(v4: sixToFour).map { "6to4 2002::/16 address embedding \($0)" }
        }
        if let block = Self.v6Blocks.first(where: {
            $0.contains(value) && (refusesDocumentationNetworks || !$0.documentation)
        }) {
            return block.reason
        }
        // RFC 4291 §2.4: only 2000::/3 is global unicast today; anything else is reserved or special.
        return value >> 125 == 1 ? nil : "IPv6 address outside global unicast 2000::/3"
    }
}
