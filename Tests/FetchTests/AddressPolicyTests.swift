import Testing

@testable import Fetch

@Suite struct AddressPolicyTests {
    private let policy = AddressPolicy()

    private func v4(_ text: String) throws -> IPAddress {
        guard case .address(let address) = IPAddress.parseIPv4(text) else { throw ParseFailure(text: text) }
        return address
    }

    private func v6(_ text: String) throws -> IPAddress { try #require(IPAddress(ipv6Literal: text)) }

    @Test(arguments: [
        "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "172.16.0.1",
        "172.31.255.255", "192.168.0.1", "192.168.255.255", "169.254.169.254", "169.254.0.1", "100.64.0.1",
        "100.127.255.255", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "198.18.0.1",
        "198.19.255.255", "192.0.0.8", "192.0.2.1", "198.51.100.7", "203.0.113.9", "192.88.99.1",
    ])
    func ipv4SpecialPurposeAddresses_AreRefused(_ text: String) throws {
        #expect(policy.violation(for: try v4(text)) != nil)
    }

    @Test(arguments: [
        "93.184.216.34", "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0",
        "169.253.255.255", "198.17.255.255", "198.20.0.0", "223.255.255.255", "11.0.0.1", "126.255.255.255",
        "128.0.0.1",
    ])
    func publicIPv4Addresses_AreAllowed(_ text: String) throws {
        #expect(policy.violation(for: try v4(text)) == nil)
    }

    @Test(arguments: [
        "::1", "::", "fc00::1", "fd00::1", "fdff:ffff::1", "fe80::1", "febf::1", "fec0::1", "ff02::1", "ff0e::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:0.0.0.0", "::127.0.0.1",
        "::8.8.8.8", "64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "2002:7f00:1::1",
        "2002:a00:1::", "2002:c0a8:101::1", "2001::1", "2001:0:4136:e378::1", "2001:db8::1", "100::1",
        "4000::1", "::2",
    ])
    func ipv6SpecialPurposeAddresses_AreRefused(_ text: String) throws {
        #expect(policy.violation(for: try v6(text)) != nil)
    }

    @Test(arguments: [
        "2606:2800:220:1:248:1893:25c8:1946", "2a00:1450:4001:80b::200e", "::ffff:93.184.216.34",
        "64:ff9b::5db8:d822", "2002:5db8:d822::1", "2001:4860:4860::8888",
    ])
    func publicIPv6Addresses_AreAllowed(_ text: String) throws {
        #expect(policy.violation(for: try v6(text)) == nil)
    }

    @Test func documentationNetworks_CanBeAllowed() throws {
        let lenient = AddressPolicy(refusesDocumentationNetworks: false)
        #expect(lenient.violation(for: try v4("192.0.2.1")) == nil)
        #expect(lenient.violation(for: try v6("2001:db8::1")) == nil)
        #expect(lenient.violation(for: try v4("10.0.0.1")) != nil)
    }

    @Test func embeddedIPv4_IsNamedInTheReason() throws {
        let reason = try #require(policy.violation(for: try v6("::ffff:169.254.169.254")))
        #expect(reason.contains("IPv4-mapped") && reason.contains("link-local"))
    }
}

struct ParseFailure: Error {
    var text: String
}
