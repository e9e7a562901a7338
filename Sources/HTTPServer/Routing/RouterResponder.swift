import Logging

/// Routes each request through the middleware chain to its handler; answers unknown paths with 404,
/// known paths with a wrong method with 405 + `Allow`, `OPTIONS` with 204 + `Allow`, and turns thrown
/// errors into responses (`HTTPResponseError` renders itself, anything else is a logged 500).
package struct RouterResponder: HTTPResponder {
    private let router: Router<HTTPRoute>
    private let middleware: [any HTTPMiddleware]
    private let logger: Logger
    /// Methods with at least one blocking route (`HEAD` when `GET` has one), so that `mayBlock` skips the
    /// second route lookup for the common request. A few: scanned, not hashed.
    private let blockingMethods: [HTTPMethod]

    /// A responder for `router`'s routes; `middleware[0]` is the outermost step. Inactive steps are left out.
    package init(router: Router<HTTPRoute>, middleware: [any HTTPMiddleware] = [], logger: Logger) {
        self.router = router
        self.middleware = middleware.filter(\.isActive)
        self.logger = logger
        var blocking: [HTTPMethod] = []
        router.forEachRoute { method, route in
            if route.mayBlock, !blocking.contains(method) { blocking.append(method) }
        }
        if blocking.contains(.get), !blocking.contains(.head) { blocking.append(.head) }
        self.blockingMethods = blocking
    }

    package func mayBlock(_ request: HTTPRequest) -> Bool {
        guard blockingMethods.contains(request.method) else { return false }
        if case .found(let route, _, _) = router.match(request.method, path: request.path) { return route.mayBlock }
        return false
    }

    package func respond(to request: HTTPRequest) -> HTTPResponse {
        var context = RequestContext()
        var route: HTTPRoute?
        switch router.match(request.method, path: request.path) {
        case .found(let found, let parameters, let pattern):
            route = found
            context.parameters = parameters
            context.pattern = pattern
            if request.method == .options { context.allowedMethods = router.allowedMethods(path: request.path) }
        case .methodNotAllowed(let allowed):
            context.allowedMethods = allowed
        case .notFound:
            break
        }
        return respond(to: request, context: context, route: route, step: 0)
    }

    private func respond(
        to request: HTTPRequest, context: RequestContext, route: HTTPRoute?, step: Int
    ) -> HTTPResponse {
        do {
            if step < middleware.count {
                return try middleware[step].respond(to: request, context: context) { request, context in
                    respond(to: request, context: context, route: route, step: step + 1)
                }
            }
            if let route { return try route.handler(request, context) }
            return Self.makeUnroutedResponse(request, context: context)
        } catch let error as any HTTPResponseError {
            if let detail = error.logDetail { logger.logHandlerFailure(detail, request: request, context: context) }
            return error.response
        } catch {
            logger.logHandlerFailure(error, request: request, context: context)
            return ProblemDetails(status: .internalServerError, detail: "The server could not answer this request.")
                .makeResponse()
        }
    }

    private static func makeUnroutedResponse(_ request: HTTPRequest, context: RequestContext) -> HTTPResponse {
        guard !context.allowedMethods.isEmpty else {
            return ProblemDetails(status: .notFound, detail: "No route matches \(request.path).").makeResponse()
        }
        let allow = context.allowedMethods.map(\.rawValue).joined(separator: ", ")
        if request.method == .options {
            return HTTPResponse(status: .noContent, headers: [HTTPHeaders.allow: allow])
        }
        return ProblemDetails(status: .methodNotAllowed, detail: "\(request.method) is not allowed on \(request.path).")
            .makeResponse(headers: [HTTPHeaders.allow: allow])
    }
}

extension Logger {
    fileprivate func logHandlerFailure(_ error: Any, request: HTTPRequest, context: RequestContext) {
        self.error(
            "handler failed",
            metadata: [
                "method": "\(request.method)", "path": "\(request.path)",
                "request_id": "\(context.requestID)", "error": "\(String(describing: error))",
            ]
        )
    }
}
