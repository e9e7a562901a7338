/// An error that knows the response it should become (e.g. a problem+json 422).
package protocol HTTPResponseError: Error {
    /// The response sent in place of the handler's.
    var response: HTTPResponse { get }
    /// What the server's log should say of it, when the response tells the client less (e.g. a disk failure
    /// behind a 503: the path and errno are the operator's business, not the client's); nil: nothing.
    var logDetail: String? { get }
}

extension HTTPResponseError {
    /// By default the response says it all.
    package var logDetail: String? { nil }
}
