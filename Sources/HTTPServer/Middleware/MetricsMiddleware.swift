/// Records each request in a `MetricsRegistry`: method, route pattern (`unmatched` when none), status, duration.
package struct MetricsMiddleware: HTTPMiddleware {
    private let registry: MetricsRegistry

    package init(registry: MetricsRegistry) { self.registry = registry }

    package func respond(
        to request: HTTPRequest,
        context: RequestContext,
        next: (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        let start = MonotonicClock.nanoseconds()
        let response = try next(request, context)
        let seconds = Double(MonotonicClock.nanoseconds() - start) / 1e9
        let route = context.pattern ?? "unmatched"
        registry.recordRequest(method: request.method, route: route, status: response.status.code, duration: seconds)
        return response
    }
}
