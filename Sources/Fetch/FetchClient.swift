import Synchronization

/// Fetches web pages for import, safely: SSRF-checked and pinned addresses, bounded time, size and
/// concurrency, redirects followed here (each hop checked again), never by libcurl.
///
/// `fetch` blocks the calling thread; run it off any event loop.
package final class FetchClient: Sendable {
    /// The limits and policy in force.
    package let configuration: FetchConfiguration
    /// Resolves and checks each hop's host.
    package let addressGuard: AddressGuard
    private let running = Mutex(0)

    /// A client; `resolver` is replaced in tests so that no name goes to DNS.
    package init(
        configuration: FetchConfiguration = FetchConfiguration(),
        resolver: any HostResolver = SystemResolver()
    ) {
        self.configuration = configuration
        addressGuard = AddressGuard(
            policy: configuration.policy,
            allowedHosts: configuration.allowedHosts,
            resolver: resolver
        )
    }

    /// Fetches `url`, following up to `maxRedirects` redirects; returns the final 2xx response.
    ///
    /// Throws `.busy` at once when `maxConcurrentFetches` fetches are running; `.remoteStatus` for a final 4xx or
    /// 5xx, and for a 3xx other than 301/302/303/307/308 or without `Location`; the other `FetchError` cases for
    /// refused URLs, network failures and limits.
    package func fetch(_ url: String) throws(FetchError) -> FetchResponse {
        let admitted = running.withLock { count in
            guard count < configuration.maxConcurrentFetches else { return false }
            count += 1
            return true
        }
        guard admitted else { throw .busy }
        defer { running.withLock { $0 -= 1 } }
        return try follow(FetchURL(parsing: url), deadline: .now + configuration.totalTimeout)
    }

    private func follow(_ start: FetchURL, deadline: ContinuousClock.Instant) throws(FetchError) -> FetchResponse {
        var url = start
        var redirects: [FetchURL] = []
        while true {
            let addresses = try addressGuard.checkedAddresses(for: url, timeout: try remaining(until: deadline))
            let timeLeft = try remaining(until: deadline)
            let outcome = try Transfer(url: url, addresses: addresses, configuration: configuration)
                .run(connectTimeout: min(configuration.connectTimeout, timeLeft), totalTimeout: timeLeft)
            let response = FetchResponse(
                url: url,
                status: outcome.status,
                headers: outcome.headers,
                body: outcome.body,
                address: outcome.address,
                redirects: redirects
            )
            switch outcome.status {
            case 200..<300:
                return response
            case 301, 302, 303, 307, 308:
                guard let location = response.headerValue("Location") else { throw .remoteStatus(outcome.status) }
                guard redirects.count < configuration.maxRedirects else {
                    throw .tooManyRedirects(limit: configuration.maxRedirects)
                }
                redirects.append(url)
                url = try url.resolving(location)
            default:
                throw .remoteStatus(outcome.status)
            }
        }
    }

    private func remaining(until deadline: ContinuousClock.Instant) throws(FetchError) -> Duration {
        let left = deadline - .now
        guard left > .zero else { throw .timedOut }
        return left
    }
}
