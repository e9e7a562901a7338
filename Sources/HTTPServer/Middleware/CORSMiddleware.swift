/// Cross-origin resource sharing (Fetch standard, CORS protocol) from a configured list of origins.
///
/// Every response gets `Access-Control-Allow-Origin` (`*`, or the request's `Origin` when it is listed,
/// with `Vary: Origin`) and `Access-Control-Expose-Headers`. A pre-flight (`OPTIONS` with
/// `Access-Control-Request-Method`) on a known path is answered 204 with the path's methods.
package struct CORSMiddleware: HTTPMiddleware {
    /// Allowed origins; `["*"]` allows any.
    package let allowedOrigins: [String]
    /// How long a browser may cache a pre-flight answer, in seconds.
    package var maxAgeSeconds: Int

    package static let allowedHeaders = "Authorization, Content-Type, If-Match, If-None-Match, X-Request-Id"
    package static let exposedHeaders = "ETag, Location, Link, X-Request-Id, X-Total-Count"

    /// `allowedOrigins` holds `*`: kept, so that a response does not search the list with string comparisons.
    private let allowsAnyOrigin: Bool

    package init(allowedOrigins: [String] = ["*"], maxAgeSeconds: Int = 600) {
        self.allowedOrigins = allowedOrigins
        self.maxAgeSeconds = maxAgeSeconds
        self.allowsAnyOrigin = allowedOrigins.contains("*")
    }

    package func respond(
        to request: HTTPRequest,
        context: RequestContext,
        next: (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        var response: HTTPResponse
        if request.method == .options, request.headers.contains(Self.requestMethodHeader),
            !context.allowedMethods.isEmpty
        {
            response = HTTPResponse(status: .noContent)
            let methods = context.allowedMethods.map(\.rawValue).joined(separator: ", ")
            response.headers.add(HTTPHeaders.allow, methods)
            response.headers.add("Access-Control-Allow-Methods", methods)
            response.headers.add("Access-Control-Allow-Headers", Self.allowedHeaders)
            response.headers.add("Access-Control-Max-Age", String(maxAgeSeconds))
        } else {
            response = try next(request, context)
        }
        addOriginHeaders(to: &response, origin: request.headers[HTTPHeaders.origin])
        return response
    }

    private static let requestMethodHeader = "Access-Control-Request-Method"

    private func addOriginHeaders(to response: inout HTTPResponse, origin: String?) {
        if allowsAnyOrigin {
            response.headers.add("Access-Control-Allow-Origin", "*")
        } else {
            response.headers.add("Vary", "Origin")
            guard let origin, allowedOrigins.contains(origin) else { return }
            response.headers.add("Access-Control-Allow-Origin", origin)
        }
        response.headers.add("Access-Control-Expose-Headers", Self.exposedHeaders)
    }
}
