import Testing

@testable import Fetch

/// The SSRF battery as pure units: URLs are parsed and their (table-)resolved addresses checked; nothing is sent.
@Suite struct AddressGuardTests {
    private let addressGuard = AddressGuard(resolver: StaticResolver())

    /// Every URL here must be refused, and none of them may be fetched (see `SSRFEndToEndTests`).
    static let forbiddenURLs = [
        "http://127.0.0.1/", "http://127.0.0.2:8080/", "http://2130706433/", "http://0177.0.0.1/",
        "http://0x7f.1/", "http://0x7f000001/", "http://017700000001/", "http://127.1/", "http://127.0.0.1./",
        "http://localhost/", "http://LOCALHOST/", "http://0.0.0.0/", "http://0/", "http://10.0.0.1/",
        "http://0x0a000001/", "http://012.0.0.1/", "http://167772161/", "http://172.16.0.1/",
        "http://172.31.255.255/", "http://192.168.1.1/", "http://3232235777/", "http://169.254.169.254/latest/",
        "http://0xa9fea9fe/", "http://2852039166/", "http://metadata.google.internal/", "http://100.64.0.1/",
        "http://224.0.0.1/", "http://239.255.255.250:1900/", "http://240.0.0.1/", "http://255.255.255.255/",
        "http://198.18.0.1/", "http://[::1]/", "http://[::]/", "http://[0:0:0:0:0:0:0:1]/", "http://[fd00::1]/",
        "http://[fc00::1]/", "http://[fe80::1]/", "http://[ff02::1]/", "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/", "http://[::ffff:a9fe:a9fe]/", "http://[::127.0.0.1]/",
        "http://[64:ff9b::7f00:1]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/",
        "http://[2002:a00:1::1]/", "http://[2001::1]/", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
        "http://[fe80::1%25eth0]/", "http://[fe80::1%eth0]/", "http://rebind.test/", "http://v6-ula.test/",
        "http://mapped.test/", "https://127.0.0.1:443/", "http://user@93.184.216.34/",
        "http://93.184.216.34@127.0.0.1/",
    ]

    @Test(arguments: forbiddenURLs)
    func forbiddenURLs_AreRefusedBeforeAnyConnection(_ url: String) {
        #expect {
            _ = try addressGuard.checkedAddresses(for: FetchURL(parsing: url), timeout: .seconds(1))
        } throws: { error in
            switch error as? FetchError {
            case .forbiddenAddress, .invalidURL: true
            default: false
            }
        }
    }

    @Test func theBatteryIsLargeEnough() { #expect(Self.forbiddenURLs.count >= 30) }

    @Test(arguments: [
        ("http://93.184.216.34/", ["93.184.216.34"]),
        ("https://public.test/a?b", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]),
        ("http://[2606:2800:220:1:248:1893:25c8:1946]/", ["2606:2800:220:1:248:1893:25c8:1946"]),
        ("http://[::ffff:93.184.216.34]/", ["::ffff:93.184.216.34"]), ("http://1572395042/", ["93.184.216.34"]),
    ])
    func publicAddresses_AreAllowedByPolicy(_ url: String, _ expected: [String]) throws {
        // Policy only: these are never connected to.
        let addresses = try addressGuard.checkedAddresses(for: FetchURL(parsing: url), timeout: .seconds(1))
        #expect(addresses.map(\.description) == expected)
    }

    @Test func anyForbiddenAddress_RefusesTheWholeName() {
        #expect(
            throws: FetchError.forbiddenAddress(
                host: "rebind.test",
                address: "10.0.0.1",
                reason: "private network 10.0.0.0/8 (RFC 1918)"
            )
        ) {
            try addressGuard.checkedAddresses(for: FetchURL(parsing: "http://rebind.test/"), timeout: .seconds(1))
        }
    }

    @Test func allowListedHosts_BypassThePolicy_InAnySpelling() throws {
        let lenient = AddressGuard(allowedHosts: ["127.1", "::1", "Fixture.LocalHost"], resolver: StaticResolver())
        for url in ["http://127.0.0.1/", "http://2130706433/", "http://[::1]/", "http://fixture.localhost/"] {
            #expect(try lenient.checkedAddresses(for: FetchURL(parsing: url), timeout: .seconds(1)).count == 1)
        }
        #expect(throws: FetchError.self) {
            try lenient.checkedAddresses(for: FetchURL(parsing: "http://127.0.0.2/"), timeout: .seconds(1))
        }
        #expect(throws: FetchError.self) {
            try lenient.checkedAddresses(for: FetchURL(parsing: "http://localhost/"), timeout: .seconds(1))
        }
    }

    @Test func unknownNames_AreDNSFailures() {
        #expect(throws: FetchError.dnsFailure(host: "nowhere.test", reason: "not in the test table")) {
            try addressGuard.checkedAddresses(for: FetchURL(parsing: "http://nowhere.test/"), timeout: .seconds(1))
        }
    }
}
