@testable import Fetch

/// A resolver from a fixed table, so that no test name ever reaches DNS.
struct StaticResolver: HostResolver {
    var table: [String: [String]] = [
        "localhost": ["127.0.0.1", "::1"],
        "metadata.google.internal": ["169.254.169.254"],
        "rebind.test": ["93.184.216.34", "10.0.0.1"],
        "v6-ula.test": ["2606:2800:220:1::1", "fd00::1"],
        "mapped.test": ["::ffff:192.168.1.1"],
        "public.test": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
        // `.localhost` names: were pinning ever bypassed, libcurl would resolve them to loopback itself
        // (RFC 6761), never through DNS.
        "fixture.localhost": ["127.0.0.1"],
        "second.localhost": ["127.0.0.2"],
        "v6.localhost": ["::1"],
    ]

    func resolve(_ name: String, timeout: Duration) throws(FetchError) -> [IPAddress] {
        guard let entries = table[name] else { throw .dnsFailure(host: name, reason: "not in the test table") }
        return entries.compactMap(IPAddress.init(numeric:))
    }
}
