import HTTPServer
import Synchronization

/// Whether the store has finished loading (seeds, later the journal). Until it has, `/ready` answers `503
/// {"status":"starting"}` and the `/v1` routes answer `503` problems, so that no client sees half-loaded data.
package final class Readiness: Sendable {
    private let ready = Atomic<Bool>(false)

    /// Starts as not ready.
    package init() {}

    /// Whether the store is loaded.
    package var isReady: Bool { ready.load(ordering: .acquiring) }

    /// Marks the store as loaded; from now on `/ready` answers `200`.
    package func markReady() { ready.store(true, ordering: .releasing) }
}

/// Answers routed `/v1` requests with `503` until `Readiness` says the store is loaded.
struct ReadinessMiddleware: HTTPMiddleware {
    let readiness: Readiness

    func respond(
        to request: HTTPRequest, context: RequestContext,
        next: (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        if !readiness.isReady, let pattern = context.pattern, pattern.hasPrefix("/v1/") { throw APIError.notReady }
        return try next(request, context)
    }
}
