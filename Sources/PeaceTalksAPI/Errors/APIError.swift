import HTTPServer
import PeaceTalksModel
import PeaceTalksStore

/// An error a handler throws to answer with `application/problem+json` (RFC 9457): `type`, `title`, `status`,
/// `detail`, plus `errors` (422 only) or `references` (409 on a referenced delete).
///
/// Like the HTTP server's own problems, every type is `about:blank` with the status's reason phrase as `title`
/// (RFC 9457 §4.2.1): the status, the `detail` and the extension members say everything a client needs.
package struct APIError: HTTPResponseError, Sendable {
    /// The response status.
    package var status: HTTPStatus
    /// What went wrong this time, in one or two English sentences.
    package var detail: String
    /// Field-level errors of a validation failure.
    package var errors: [FieldError] = []
    /// The resources that still reference the one a client tried to delete.
    package var references: [ResourceKey] = []
    /// Extra response fields such as `WWW-Authenticate` or `Allow`.
    package var headers: HTTPHeaders = [:]
    /// The cause, for the server's log only (`HTTPResponseError.logDetail`).
    package var logDetail: String?

    /// A problem with the given parts.
    package init(_ status: HTTPStatus, _ detail: String, headers: HTTPHeaders = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    /// The problem document, fields in RFC 9457 order.
    package var document: JSONValue {
        var object: JSONObject = [
            "type": "about:blank", "title": .string(status.reasonPhrase),
            "status": .number(Double(status.code)), "detail": .string(detail),
        ]
        if status == .unprocessableContent {
            object["errors"] = .array(
                errors.map { ["field": .string($0.field), "message": .string($0.message)] })
        }
        if !references.isEmpty {
            object["references"] = .array(
                references.map { ["kind": .string($0.kind.rawValue), "id": .string($0.id.rawValue)] })
        }
        return .object(object)
    }

    /// The rendered response.
    package var response: HTTPResponse {
        var headers = self.headers
        headers[HTTPHeaders.contentType] = MediaType.problemJSON
        return HTTPResponse(status: status, headers: headers, body: document.encoded())
    }
}

extension APIError {
    /// 400 for a query parameter that is unknown, repeated or out of range.
    static func badQuery(_ detail: String) -> APIError { APIError(.badRequest, detail) }

    /// 400 for a body that is not well-formed UTF-8 JSON; the detail names the byte offset.
    static func badJSON(_ error: JSONParseError) -> APIError {
        APIError(.badRequest, "The request body is not valid JSON: \(error.reason) at byte offset \(error.offset).")
    }

    /// 400 for a JSON body of the wrong overall shape (e.g. an array where an object is needed).
    static func badBody(_ detail: String) -> APIError { APIError(.badRequest, detail) }

    /// 401 with `WWW-Authenticate: Bearer` (RFC 6750 §3).
    static let unauthorized = APIError(
        .unauthorized, "This request changes data and needs \"Authorization: Bearer <key>\" "
            + "with a configured API key.", headers: [HTTPHeaders.wwwAuthenticate: "Bearer realm=\"peacetalks\""])

    /// 404 for a missing resource.
    static func notFound(_ kind: ResourceKind, _ id: String) -> APIError {
        APIError(.notFound, "There is no \(kind.singular) with id \"\(id)\".")
    }

    /// 415 naming what the endpoint accepts.
    static func unsupportedMediaType(_ accepted: [String], got: String?) -> APIError {
        let expected = accepted.joined(separator: " or ")
        let detail = got.map { "Content-Type \"\($0)\" is not accepted here; send \(expected) (UTF-8)." }
            ?? "The request body needs a Content-Type of \(expected) (UTF-8)."
        return APIError(.unsupportedMediaType, detail)
    }

    /// 422 listing every broken rule.
    static func validation(_ errors: [FieldError]) -> APIError {
        var error = APIError(
            .unprocessableContent,
            errors.count == 1 ? "The request body breaks 1 rule." : "The request body breaks \(errors.count) rules.")
        error.errors = errors
        return error
    }

    /// 409 for `POST` of an id that exists already.
    static func alreadyExists(_ kind: ResourceKind, _ id: ResourceID) -> APIError {
        APIError(.conflict, "A \(kind.singular) with id \"\(id)\" exists already; use PUT to replace it.")
    }

    /// 409 for deleting a resource others still point at, listing them.
    static func referenced(_ kind: ResourceKind, _ id: ResourceID, by references: [ResourceKey]) -> APIError {
        var error = APIError(
            .conflict,
            "The \(kind.singular) \"\(id)\" is still referenced by \(references.count) resource(s); "
                + "change or delete them first.")
        error.references = references
        return error
    }

    /// 412 when `If-Match` does not match the current `ETag`.
    static let preconditionFailed = APIError(
        .preconditionFailed, "If-Match does not match the resource's current ETag.")

    /// 503 while the store is still loading.
    static let notReady = APIError(
        .serviceUnavailable, "The server is still loading its data; try again shortly.",
        headers: [HTTPHeaders.retryAfter: "1"])
}

extension APIError {
    /// The problem for a store failure of an operation on `key`.
    init(_ error: StoreError, key: ResourceKey) {
        switch error {
        case .notFound(let missing): self = .notFound(missing.kind, missing.id.rawValue)
        case .alreadyExists(let existing): self = .alreadyExists(existing.kind, existing.id)
        case .duplicateURL(let existing):
            // A rule of the contract ("unique among articles"), so a 422 naming the field, as openapi.json says.
            self = .validation([FieldError("url", "article \"\(existing)\" has this url already")])
        case .invalidResource(let errors), .invalidReferences(let errors): self = .validation(errors)
        case .referenced(let references): self = .referenced(key.kind, key.id, by: references)
        case .preconditionFailed: self = .preconditionFailed
        case .invalidQuery(let detail): self = .badQuery(detail)
        case .unavailable(let detail):
            // The cause names files and system errors: it goes to the log, not to the client.
            self = APIError(
                .serviceUnavailable, "The change could not be stored, and nothing was changed; try again later.",
                headers: [HTTPHeaders.retryAfter: "1"])
            logDetail = "storage unavailable: \(detail)"
        }
    }
}

extension ResourceKind {
    /// The English singular noun, for messages (`participant`, `talks round`…).
    var singular: String {
        switch self {
        case .articles: "article"
        case .participants: "participant"
        case .statements: "statement"
        case .talks: "talks round"
        }
    }
}
