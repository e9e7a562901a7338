import Fetch
import HTTPServer
import PeaceTalksModel

extension APIError {
    /// The problem for a failed fetch: refused or unusable URLs and non-HTML resources are the client's (422 on
    /// `url`), remote and network failures 502, a timeout 504, no free fetch slot 503 with `Retry-After`.
    init(_ error: FetchError) {
        switch error {
        case .invalidURL, .unsupportedScheme, .forbiddenAddress, .notHTML:
            self = .validation([FieldError("url", error.description)])
            detail = error.description
        case .dnsFailure, .connectionFailed, .tooLarge, .tooManyRedirects, .remoteStatus, .invalidResponse, .other:
            self = APIError(.badGateway, error.description)
        case .timedOut:
            self = APIError(.gatewayTimeout, error.description)
        case .busy:
            self = APIError(.serviceUnavailable, error.description, headers: [HTTPHeaders.retryAfter: "1"])
        }
    }
}
