/// A step around every routed request: it may answer by itself, or call `next` and adjust the response.
///
/// Errors thrown by `next` never reach a middleware: the responder turns them into responses first, so
/// every middleware sees the final status (a thrown `HTTPResponseError`, or a 500).
package protocol HTTPMiddleware: Sendable {
    /// Answers `request`, usually by calling `next` with the same or an adjusted request and context.
    func respond(
        to request: HTTPRequest,
        context: RequestContext,
        next: (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse

    /// Whether the step does anything; a responder leaves inactive steps out of its chain. Read once, when the
    /// chain is built.
    var isActive: Bool { get }
}

extension HTTPMiddleware {
    /// By default a step is always active.
    package var isActive: Bool { true }
}
