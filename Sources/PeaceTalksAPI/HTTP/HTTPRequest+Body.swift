import HTTPServer
import PeaceTalksModel

extension HTTPRequest {
    /// The body as a JSON object after the media-type check (415) and the syntax check (400), in that order.
    ///
    /// - Parameter accepted: the media types this endpoint takes (`application/json`, and for PATCH also
    ///   `application/merge-patch+json`); only `charset=utf-8` or no charset is accepted.
    func jsonObjectBody(accepting accepted: [String] = [MediaType.json]) throws(APIError) -> JSONObject {
        let contentType = headers[HTTPHeaders.contentType]
        guard let contentType, let mediaType = MediaType(contentType), mediaType.isUTF8(oneOf: accepted) else {
            throw .unsupportedMediaType(accepted, got: contentType)
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw .badJSON(error)
        }
        guard case .object(let object) = value else {
            throw .badBody("The request body must be a JSON object, not \(value.typeDescription).")
        }
        return object
    }
}
