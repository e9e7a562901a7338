import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Request counters, a request-duration histogram and an open-connections gauge, rendered in the
/// Prometheus text exposition format 0.0.4.
///
/// Recording is cheap and does not contend: each thread records into its own shard (a `Mutex` that only
/// the renderer ever contends for); rendering merges the shards.
package final class MetricsRegistry: Sendable {
    /// Upper bounds of the duration histogram's buckets, in seconds (`+Inf` is implied).
    package let durationBuckets: [Double]
    private let shards: [Shard]
    private let openConnections = Atomic<Int>(0)
    private let nextShard = Atomic<Int>(0)
    private let shardKey: ThreadSpecificKey

    /// A registry with `shardCount` shards (threads beyond that share them).
    package init(
        durationBuckets: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                     0.5, 1, 2.5, 5, 10],
        shardCount: Int = 16
    ) {
        self.durationBuckets = durationBuckets
        self.shards = (0..<shardCount).map { _ in Shard() }
        self.shardKey = ThreadSpecificKey()
    }

    /// Counts one answered request.
    /// - Parameters:
    ///   - route: the matched route pattern (not the path, which would make a series per resource).
    ///   - duration: seconds from routing to response.
    package func recordRequest(method: HTTPMethod, route: String, status: Int, duration: Double) {
        let key = RouteKey(method: Self.methodLabel(method), route: route)
        let bucket = durationBuckets.firstIndex { duration <= $0 } ?? durationBuckets.count
        let bucketCount = durationBuckets.count + 1
        currentShard().routes.withLock { routes in
            routes.statistics(for: key, bucketCount: bucketCount) {
                $0.record(status: status, bucket: bucket, duration: duration)
            }
        }
    }

    /// Counts a connection in (called by the server).
    package func connectionOpened() { openConnections.wrappingAdd(1, ordering: .relaxed) }

    /// Counts a connection out (called by the server).
    package func connectionClosed() { openConnections.wrappingSubtract(1, ordering: .relaxed) }

    /// The number of open connections.
    package var openConnectionCount: Int { openConnections.load(ordering: .relaxed) }

    /// The media type of `renderText()`.
    package static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Every metric in the Prometheus text format, series sorted by labels.
    package func renderText() -> String {
        var merged: [RouteKey: RouteStatistics] = [:]
        for shard in shards {
            let routes = shard.routes.withLock { $0.byKey }
            merged.merge(routes) { $0.merging($1) }
        }
        let keys = merged.keys.sorted { ($0.route, $0.method) < ($1.route, $1.method) }
        var out = "# HELP http_requests_total Requests answered, by method, route pattern and status.\n"
        out += "# TYPE http_requests_total counter\n"
        for key in keys {
            for (status, count) in merged[key]!.statusCounts.sorted(by: { $0.status < $1.status }) {
                out += "http_requests_total{\(key.labels),status=\"\(status)\"} \(count)\n"
            }
        }
        out += "# HELP http_request_duration_seconds Time to answer a request, by method and route pattern.\n"
        out += "# TYPE http_request_duration_seconds histogram\n"
        for key in keys {
            let statistics = merged[key]!
            var cumulative = 0
            for (index, bound) in durationBuckets.enumerated() {
                cumulative += statistics.buckets[index]
                out += "http_request_duration_seconds_bucket{\(key.labels),le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "http_request_duration_seconds_bucket{\(key.labels),le=\"+Inf\"} \(statistics.count)\n"
            out += "http_request_duration_seconds_sum{\(key.labels)} \(statistics.sum)\n"
            out += "http_request_duration_seconds_count{\(key.labels)} \(statistics.count)\n"
        }
        out += "# HELP http_open_connections Client connections currently open.\n"
        out += "# TYPE http_open_connections gauge\n"
        out += "http_open_connections \(openConnectionCount)\n"
        return out
    }

    /// A handler serving `renderText()` (for a `GET /metrics` route).
    package func makeHandler() -> HTTPHandler {
        { _, _ in
            HTTPResponse(status: .ok, headers: [HTTPHeaders.contentType: Self.contentType],
                         body: Array(self.renderText().utf8))
        }
    }

    private func currentShard() -> Shard {
        let index: Int
        if let stored = shardKey.value {
            index = stored
        } else {
            index = nextShard.wrappingAdd(1, ordering: .relaxed).oldValue
            shardKey.value = index
        }
        return shards[index % shards.count]
    }

    /// Known methods keep their name; anything else is `other`, so clients cannot mint series.
    private static func methodLabel(_ method: HTTPMethod) -> String {
        switch method {
        case .get, .head, .post, .put, .patch, .delete, .options: method.rawValue
        default: "other"
        }
    }
}

private final class Shard: Sendable {
    let routes = Mutex(ShardRoutes())
}

/// One shard's statistics by route, remembering where the last recorded route is: a thread mostly answers the
/// same route again, and comparing two keys that share their strings' storage is far cheaper than hashing them.
private struct ShardRoutes {
    var byKey: [RouteKey: RouteStatistics] = [:]
    /// Valid until a key is inserted.
    var lastIndex: Dictionary<RouteKey, RouteStatistics>.Index?
    /// The key at `lastIndex`, kept apart: reading it back out of the dictionary retained its strings.
    var lastKey: RouteKey?

    /// Runs `update` on the statistics of `key`, created empty first if needed.
    mutating func statistics(
        for key: RouteKey, bucketCount: Int, _ update: (inout RouteStatistics) -> Void
    ) {
        if let lastIndex, lastKey == key {
            update(&byKey.values[lastIndex])
            return
        }
        let index: Dictionary<RouteKey, RouteStatistics>.Index
        if let existing = byKey.index(forKey: key) {
            index = existing
        } else {
            byKey[key] = RouteStatistics(bucketCount: bucketCount)
            index = byKey.index(forKey: key)!
        }
        update(&byKey.values[index])
        lastIndex = index
        lastKey = key
    }
}

private struct RouteKey: Hashable {
    var method: String
    var route: String

    var labels: String { "method=\"\(Self.escape(method))\",route=\"\(Self.escape(route))\"" }

    /// Label values escape backslash, double quote and line feed (exposition format 0.0.4).
    private static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}

private struct RouteStatistics {
    var statusCounts: [(status: Int, count: Int)] = []
    /// Per-bucket (not cumulative) counts; the last one is `+Inf`.
    var buckets: [Int]
    var count = 0
    var sum = 0.0

    init(bucketCount: Int) { buckets = Array(repeating: 0, count: bucketCount) }

    mutating func record(status: Int, bucket: Int, duration: Double) {
        if let index = statusCounts.firstIndex(where: { $0.status == status }) {
            statusCounts[index].count += 1
        } else {
            statusCounts.append((status, 1))
        }
        buckets[bucket] += 1
        count += 1
        sum += duration
    }

    func merging(_ other: RouteStatistics) -> RouteStatistics {
        var result = self
        for (status, count) in other.statusCounts {
            if let index = result.statusCounts.firstIndex(where: { $0.status == status }) {
                result.statusCounts[index].count += count
            } else {
                result.statusCounts.append((status, count))
            }
        }
        for index in buckets.indices { result.buckets[index] += other.buckets[index] }
        result.count += other.count
        result.sum += other.sum
        return result
    }
}

/// A `pthread_key_t` holding a small integer per thread.
private final class ThreadSpecificKey: Sendable {
    private let key: pthread_key_t

    init() {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        self.key = key
    }

    deinit { pthread_key_delete(key) }

    /// The calling thread's value (stored offset by one, since a null pointer means unset).
    var value: Int? {
        get { pthread_getspecific(key).map { Int(bitPattern: $0) - 1 } }
        set { pthread_setspecific(key, newValue.flatMap { UnsafeRawPointer(bitPattern: $0 + 1) }) }
    }
}
