/// What the server calls to answer each request.
package protocol HTTPResponder: Sendable {
    /// Answers `request`. Runs inline on an event-loop thread and must not block, unless `mayBlock(request)`
    /// returned true: then it runs on a worker thread and the connection waits for it, in request order.
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// Whether answering `request` may block (disk sync, a remote fetch). Cheap; called on the loop thread.
    func mayBlock(_ request: HTTPRequest) -> Bool
}

extension HTTPResponder {
    /// By default every request is answered inline on the loop thread.
    package func mayBlock(_ request: HTTPRequest) -> Bool { false }
}
