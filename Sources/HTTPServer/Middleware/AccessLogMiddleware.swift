import Logging

/// Writes one structured line per request at `info`: method, path, status, bytes, duration, request id.
///
/// Logs the decoded path only, never the query (it may carry secrets) nor any header value
/// (`Authorization` in particular).
package struct AccessLogMiddleware: HTTPMiddleware {
    private let logger: Logger
    /// Inactive when `logger` hides `info`: the line would be dropped, and the step still cost every request.
    package let isActive: Bool

    package init(logger: Logger) {
        self.logger = logger
        self.isActive = logger.logLevel <= .info
    }

    package func respond(
        to request: HTTPRequest,
        context: RequestContext,
        next: (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse {
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
        let template = AccessLogTemplate.shared
        var metadata = template.metadata
        metadata.values[template.method] = .string(request.method.rawValue)
        metadata.values[template.path] = .string(request.path)
        metadata.values[template.status] = .string(template.statusText(response.status.code))
        metadata.values[template.bytes] = .string(String(bytes))
        metadata.values[template.duration] = .string(String(microseconds))
        metadata.values[template.requestID] = .string(requestID)
        info("request", metadata: metadata)
    }
}

/// The access-log metadata with its keys hashed once. Each request copies `metadata` and sets the values at
/// these indices (the copy made on the first write keeps them valid), which costs far less than hashing six
/// keys into a new dictionary. Values are `.string`s, so the log handler needs no `description` call;
/// status codes come from a table.
private struct AccessLogTemplate: Sendable {
    static let shared = AccessLogTemplate()

    let metadata: Logger.Metadata = [
        "method": "", "path": "", "status": "", "bytes": "", "duration_us": "", "request_id": "",
    ]
    let method, path, status, bytes, duration, requestID: Logger.Metadata.Index
    private let statusTexts = (0..<600).map { String($0) }

    private init() {
        method = metadata.index(forKey: "method")!
        path = metadata.index(forKey: "path")!
        status = metadata.index(forKey: "status")!
        bytes = metadata.index(forKey: "bytes")!
        duration = metadata.index(forKey: "duration_us")!
        requestID = metadata.index(forKey: "request_id")!
    }

    func statusText(_ code: Int) -> String {
        statusTexts.indices.contains(code) ? statusTexts[code] : String(code)
    }
}
