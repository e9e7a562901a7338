import HTTPServer
import PeaceTalksModel

extension RequestContext {
    /// The `:id` path parameter of a route on an existing resource of `kind`; an id that breaks the id syntax
    /// cannot exist, so it is a `404` like any other unknown id.
    func existingID(_ kind: ResourceKind, parameter: String = "id") throws(APIError) -> ResourceID {
        let text = parameters[parameter] ?? ""
        guard let id = ResourceID(text) else { throw .notFound(kind, text) }
        return id
    }
}

extension HTTPRequest {
    /// The `If-Match` field lines joined into one list (RFC 9110 §5.3), or nil when absent.
    var ifMatch: String? {
        let values = headers.values(for: HTTPHeaders.ifMatch)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    /// Reads a query that may hold only `pretty` (single-resource and fixed-shape GETs).
    func prettyParameter() throws(APIError) -> Bool {
        try QueryParameters(query, allowed: ["pretty"]).flag("pretty")
    }
}
