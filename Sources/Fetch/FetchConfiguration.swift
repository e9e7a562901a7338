/// The limits and policy of a `FetchClient`. Defaults are those of the API contract.
package struct FetchConfiguration: Sendable {
    /// Fetches running at once at most; one more fails at once with `.busy`.
    package var maxConcurrentFetches = 8
    /// Time allowed to open each connection (TCP and TLS).
    package var connectTimeout: Duration = .seconds(5)
    /// Time allowed for the whole fetch: resolution, every redirect hop, and the body.
    package var totalTimeout: Duration = .seconds(20)
    /// Body bytes at most, counted after content decoding (gzip, br…).
    package var maxBodyBytes = 5 * 1024 * 1024
    /// Response header bytes at most, per response.
    package var maxHeaderBytes = 64 * 1024
    /// Redirects followed at most.
    package var maxRedirects = 5
    /// Sent as `User-Agent`.
    package var userAgent = "PeaceTalks/1.0 (+https://github.com/peacetalks/peacetalks; news article fetcher)"
    /// Sent as `Accept`.
    package var accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
    /// Which addresses may be contacted.
    package var policy = AddressPolicy()
    /// Hosts exempt from `policy` (tests use `127.0.0.1`); any spelling the URL parser accepts.
    package var allowedHosts: [String] = []

    /// The defaults above: 8 fetches, 5 s connect, 20 s total, 5 MiB, 5 redirects, every special address refused.
    package init() {}
}

extension Duration {
    /// The duration in whole milliseconds, at least 0.
    var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        return max(0, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
