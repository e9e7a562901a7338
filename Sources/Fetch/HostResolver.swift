import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Turns a host name into addresses. Injected so that tests can resolve names without touching DNS.
package protocol HostResolver: Sendable {
    /// Every address `name` has (IPv4 and IPv6), or `.dnsFailure` / `.timedOut`.
    func resolve(_ name: String, timeout: Duration) throws(FetchError) -> [IPAddress]
}

/// The system resolver (`getaddrinfo`), bounded by a timeout.
///
/// `getaddrinfo` cannot be cancelled, so it runs on a worker thread; when the timeout passes first, the
/// fetch fails with `.timedOut` and the worker finishes on its own, its result dropped.
package struct SystemResolver: HostResolver {
    /// The resolver of the C library (files, then DNS, as nsswitch says).
    package init() {}

    /// Every address `getaddrinfo` returns for `name`, waiting at most `timeout`.
    package func resolve(_ name: String, timeout: Duration) throws(FetchError) -> [IPAddress] {
        let box = LookupSlot()
        DispatchQueue.global().async {
            let result = Self.lookUp(name)
            box.outcome.withLock { $0 = result }
            box.done.signal()
        }
        guard box.done.wait(timeout: .now() + .milliseconds(timeout.wholeMilliseconds)) == .success else {
            throw .timedOut
        }
        return try box.outcome.withLock { $0! }.get()
    }

    private static func lookUp(_ name: String) -> Result<[IPAddress], FetchError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, nil, &hints, &list)
        guard status == 0 else {
            return .failure(.dnsFailure(host: name, reason: String(cString: gai_strerror(status))))
        }
        defer { freeaddrinfo(list) }
        var addresses: [IPAddress] = []
        var entry = list
        while let current = entry {
            if let sockaddr = current.pointee.ai_addr, let address = IPAddress(socketAddress: sockaddr),
                !addresses.contains(address)
            {
                addresses.append(address)
            }
            entry = current.pointee.ai_next
        }
        return addresses.isEmpty
            ? .failure(.dnsFailure(host: name, reason: "no IPv4 or IPv6 address")) : .success(addresses)
    }
}

/// The outcome slot and the signal shared with the lookup thread.
private final class LookupSlot: Sendable {
    let outcome = Mutex<Result<[IPAddress], FetchError>?>(nil)
    let done = DispatchSemaphore(value: 0)
}
