/// Resolves a URL's host and checks every address: the addresses a fetch may pin its connection to.
package struct AddressGuard: Sendable {
    /// The rules for hosts that are not allow-listed.
    package var policy: AddressPolicy
    /// Hosts (canonical form: dotted quad, bare IPv6, lower-case name) exempt from the policy.
    package private(set) var allowedHosts: Set<String>
    /// Where names are resolved.
    package var resolver: any HostResolver

    /// A guard; `allowedHosts` entries may use any spelling the URL parser accepts (`127.1`, `[::1]`, `::1`).
    package init(policy: AddressPolicy = AddressPolicy(), allowedHosts: [String] = [], resolver: any HostResolver) {
        self.policy = policy
        self.resolver = resolver
        self.allowedHosts = Set(allowedHosts.map(Self.canonicalHost))
    }

    /// Whether `host` bypasses the policy.
    package func isAllowListed(_ host: FetchURL.Host) -> Bool { allowedHosts.contains(host.description) }

    /// The host's addresses, each one allowed; throws `.forbiddenAddress` if ANY address is refused, so that a
    /// name resolving to both a public and a private address cannot be used to reach the private one.
    package func checkedAddresses(for url: FetchURL, timeout: Duration) throws(FetchError) -> [IPAddress] {
        let addresses: [IPAddress]
        switch url.host {
        case .address(let address): addresses = [address]
        case .name(let name): addresses = try resolver.resolve(name, timeout: timeout)
        }
        guard !isAllowListed(url.host) else { return addresses }
        for address in addresses {
            if let reason = policy.violation(for: address) {
                throw .forbiddenAddress(host: url.host.description, address: address.description, reason: reason)
            }
        }
        return addresses
    }

    private static func canonicalHost(_ entry: String) -> String {
        let authority = entry.contains(":") && !entry.hasPrefix("[") ? "[\(entry)]" : entry
        return (try? FetchURL(parsing: "http://\(authority)/").host.description) ?? entry.lowercased()
    }
}
