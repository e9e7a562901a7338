/// Where the server listens and the limits it enforces. Defaults are those of the API contract.
package struct ServerConfiguration: Sendable {
    /// A numeric address: `127.0.0.1`, `0.0.0.0`, `::1`, or `::` (every IPv6 and IPv4 address).
    package var host = "127.0.0.1"
    /// The TCP port; 0 picks a free one (read it back from `Server.start()`).
    package var port = 8080
    /// Event-loop threads; each serves its own connections.
    package var loopCount = 2
    /// Worker threads at most, for requests whose handlers may block (writes, fetches). Writes waiting for a
    /// sync each hold one; a dozen keeps a sync's batch large without a crowd of threads to wake.
    package var maxWorkerThreads = 12
    /// The kernel's queue of connections not yet accepted.
    package var backlog: Int32 = 1024
    /// Size limits of the request parser (header section, field count, target, body).
    package var limits = HTTPParserLimits()
    /// Time allowed from a request's first byte to the end of its header section (408 after it).
    package var headerTimeout: Duration = .seconds(10)
    /// Time allowed for a request's body once its head is in (408 after it).
    package var bodyTimeout: Duration = .seconds(30)
    /// How long a persistent connection may wait for its next request, or for the client to read
    /// a pending response, before it is closed without a response.
    package var idleTimeout: Duration = .seconds(60)
    /// Open connections at most; beyond it a new connection gets a 503 and is closed.
    package var maxConnections = 4096
    /// The `Retry-After` value (seconds) of that 503.
    package var retryAfterSeconds = 1
    /// Response bytes buffered per connection before the server stops reading from the client.
    package var maxBufferedOutputBytes = 4 * 1024 * 1024
    /// After the final response of a closing connection, how long the server keeps reading (and
    /// discarding) what the client still sends, so that the close does not reset the response away.
    package var lingerTimeout: Duration = .seconds(2)
    /// On shutdown, how long in-flight requests may take before their connections are closed.
    package var drainTimeout: Duration = .seconds(10)

    package init() {}

    /// The period at which a loop checks deadlines: a quarter of the smallest timeout, within 5 ms…1 s.
    var timerGranularityMilliseconds: Int {
        let smallest = [headerTimeout, bodyTimeout, idleTimeout, lingerTimeout, drainTimeout].map(\.milliseconds).min()!
        return min(1000, max(5, smallest / 4))
    }
}

extension Duration {
    /// The duration in whole milliseconds (negative durations count as 0).
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return max(0, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    /// The duration in whole nanoseconds (negative durations count as 0).
    var nanoseconds: Int {
        let (seconds, attoseconds) = components
        return max(0, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}
