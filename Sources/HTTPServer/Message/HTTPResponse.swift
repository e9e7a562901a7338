/// A response as a handler builds it. `Date`, `Content-Length` and `Connection` are added by the
/// encoder, never by handlers.
package struct HTTPResponse: Sendable {
    package var status: HTTPStatus
    package var headers: HTTPHeaders
    /// The body bytes; shared, not copied, when a handler returns a pre-encoded payload.
    package var body: [UInt8]

    package init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
