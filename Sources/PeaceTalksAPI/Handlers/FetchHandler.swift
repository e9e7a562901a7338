import HTTPServer
import PeaceTalksModel
import PeaceTalksStore

/// `POST /v1/articles/fetch`. Fetching arrives with a later issue; until then a request that passes
/// authentication, the media type, the JSON syntax and validation is answered `503` (the server is sound, the
/// feature is not available), so that clients see the same error order as they will with fetching.
struct FetchHandler: Sendable {
    let store: any ResourceStore

    private enum Field {
        static let url = "url"
        static let talks = "talks"
    }

    /// The handler.
    func fetch() -> HTTPHandler {
        { request, _ in
            let body = try request.jsonObjectBody()
            let errors = validate(body)
            guard errors.isEmpty else { throw APIError.validation(errors) }
            throw APIError(
                .serviceUnavailable,
                "Fetching articles is not yet available on this server; create the article with POST /v1/articles.")
        }
    }

    /// Every broken rule of `{"url": absolute http(s) URL, "talks": [existing talks id]?}`.
    private func validate(_ body: JSONObject) -> [FieldError] {
        var reader = FieldReader(.object(body))
        reader.rejectUnknown(known: [Field.url, Field.talks])
        if reader.value(Field.url, required: true) != nil { _ = reader.url(Field.url) }
        for (index, id) in reader.idList(Field.talks).enumerated() where store.get(.talks, id: id) == nil {
            reader.fail("\(Field.talks)[\(index)]", "unknown talks \"\(id)\"")
        }
        return reader.errors
    }
}
