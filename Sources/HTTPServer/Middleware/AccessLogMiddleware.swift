import Logging

/// Writes one structured line per request at `info`: method, path, status, bytes, duration, request id.
///
/// Logs the decoded path only, never the query (it may carry secrets) nor any header value
/// (`Authorization` in particular).
package struct AccessLogMiddleware: HTTPMiddleware {
    private let logger: Logger
    /// `logger.logLevel` read once: the logger is a copy that nothing changes, and reading the level copies
    /// its handler (retaining its fields) on every request.
    private let isEnabled: Bool

    package init(logger: Logger) {
        self.logger = logger
        self.isEnabled = logger.logLevel <= .info
    }

    package func respond(
        to request: HTTPRequest,
        context: RequestContext,
        next: (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        guard isEnabled else { return try next(request, context) }
        let start = MonotonicClock.nanoseconds()
        let response = try next(request, context)
        let microseconds = (MonotonicClock.nanoseconds() - start) / 1000
        logger.logRequest(request, response: response, requestID: context.requestID, microseconds: microseconds)
        return response
    }
}

extension Logger {
    fileprivate func logRequest(
        _ request: HTTPRequest, response: HTTPResponse, requestID: String, microseconds: UInt64
    ) {
        let bytes = request.method == .head || response.status.forbidsBody ? 0 : response.body.count
        info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.path),
                "status": .stringConvertible(response.status.code),
                "bytes": .stringConvertible(bytes),
                "duration_us": .stringConvertible(microseconds),
                "request_id": .string(requestID),
            ]
        )
    }
}
