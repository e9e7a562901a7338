/// Why a fetch failed; `description` is an English sentence fit for a problem+json `detail`.
package enum FetchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The URL could not be parsed, or uses a form we refuse (credentials, odd host syntax).
    case invalidURL(String, reason: String)
    /// A scheme other than `http` or `https`.
    case unsupportedScheme(String)
    /// The host is or resolves to an address the SSRF policy refuses.
    case forbiddenAddress(host: String, address: String, reason: String)
    /// The host name did not resolve.
    case dnsFailure(host: String, reason: String)
    /// The connection could not be made or broke (refused, reset, TLS failure).
    case connectionFailed(String)
    /// The fetch took longer than the connect or total time limit.
    case timedOut
    /// The (decoded) body or the header section exceeded the configured limit, in bytes.
    case tooLarge(limit: Int)
    /// More redirects than the limit.
    case tooManyRedirects(limit: Int)
    /// The final response had a 4xx or 5xx status, or was a 3xx without `Location`.
    case remoteStatus(Int)
    /// The server answered with something that is not valid HTTP (bad framing, bad content coding).
    case invalidResponse(String)
    /// The response's media type is not HTML; nil when it had no `Content-Type`.
    case notHTML(String?)
    /// Every fetch slot is in use; try again later.
    case busy
    /// Any other libcurl failure: its `CURLcode` and message.
    case other(code: Int, message: String)

    /// The English sentence for problem+json `detail`.
    package var description: String {
        switch self {
        case .invalidURL(let url, let reason): "The URL \(url) is not acceptable: \(reason)."
        case .unsupportedScheme(let scheme): "The URL scheme \"\(scheme)\" is not supported; use http or https."
        case .forbiddenAddress(let host, let address, let reason):
            "The host \(host) is refused (address \(address)): \(reason)."
        case .dnsFailure(let host, let reason): "The host name \(host) could not be resolved: \(reason)."
        case .connectionFailed(let reason): "The connection to the remote server failed: \(reason)."
        case .timedOut: "The remote server did not answer in time."
        case .tooLarge(let limit): "The remote response is larger than the limit of \(limit) bytes."
        case .tooManyRedirects(let limit): "The remote server redirected more than \(limit) times."
        case .remoteStatus(let code): "The remote server answered with HTTP status \(code)."
        case .invalidResponse(let reason): "The remote server sent an invalid response: \(reason)."
        case .notHTML(let type?): "The remote resource is \(type), not an HTML page."
        case .notHTML(nil): "The remote resource has no Content-Type; an HTML page was expected."
        case .busy: "Too many fetches are running; try again shortly."
        case .other(let code, let message): "The fetch failed (libcurl error \(code)): \(message)."
        }
    }
}
