import HTTPServer

/// Requires `Authorization: Bearer <key>` on every write. Runs after routing, so an unknown path or method is
/// still a 404/405, and before the handler reads the body, so a write without a key is a 401 whatever it sends
/// (API.md "Errors": route, then authentication, then media type and syntax).
struct AuthenticationMiddleware: HTTPMiddleware {
    let authenticator: BearerAuthenticator

    func respond(
        to request: HTTPRequest, context: RequestContext,
        next: (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        guard context.pattern == nil || request.method.isSafe
            || authenticator.isAuthorized(request.headers.values(for: HTTPHeaders.authorization))
        else { throw APIError.unauthorized }
        return try next(request, context)
    }
}
