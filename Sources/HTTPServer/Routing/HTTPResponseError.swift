/// An error that knows the response it should become (e.g. a problem+json 422).
package protocol HTTPResponseError: Error {
    /// The response sent in place of the handler's.
    var response: HTTPResponse { get }
}
