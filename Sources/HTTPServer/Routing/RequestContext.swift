/// What routing and middleware know about a request besides the request itself.
package struct RequestContext: Sendable {
    /// The values of the matched route's `:name` segments.
    package var parameters: RouteParameters
    /// The matched route's pattern (e.g. `/v1/:kind/:id`), or nil when no route matched.
    package var pattern: String?
    /// The request id (see `RequestIDMiddleware`); empty until that middleware sets it.
    package var requestID: String
    /// The methods the request's path answers (`HEAD` and `OPTIONS` included); empty for an unknown path.
    package var allowedMethods: [HTTPMethod]

    package init(
        parameters: RouteParameters = RouteParameters(),
        pattern: String? = nil,
        requestID: String = "",
        allowedMethods: [HTTPMethod] = []
    ) {
        self.parameters = parameters
        self.pattern = pattern
        self.requestID = requestID
        self.allowedMethods = allowedMethods
    }
}

/// A route's handler: synchronous, never touches a socket.
package typealias HTTPHandler = @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse

/// A handler with the server's scheduling hint.
package struct HTTPRoute: Sendable {
    package var handler: HTTPHandler
    /// Whether the handler may block (see `HTTPResponder.mayBlock(_:)`): then it runs on a worker thread.
    package var mayBlock: Bool

    package init(mayBlock: Bool = false, handler: @escaping HTTPHandler) {
        self.handler = handler
        self.mayBlock = mayBlock
    }
}

extension Router where Output == HTTPRoute {
    /// Registers `handler` for `method` on `pattern`.
    package mutating func add(
        _ method: HTTPMethod, _ pattern: String, mayBlock: Bool = false, handler: @escaping HTTPHandler
    ) {
        register(method, pattern, HTTPRoute(mayBlock: mayBlock, handler: handler))
    }
}
