import HTTPServer
import PeaceTalksModel
import PeaceTalksStore

/// `GET`, `POST`, `PUT`, `PATCH` and `DELETE` on `/v1/{kind}` and `/v1/{kind}/{id}`.
///
/// Authentication happens before these run (`AuthenticationMiddleware`); each write then checks, in the
/// contract's order, the media type (415), the JSON syntax (400), the rules (422) and the state (404/409/412).
struct ResourceHandlers: Sendable {
    let store: any ResourceStore
    /// Finished list pages of the current data (`GET /v1/{kind}` only).
    let listCache = ResponseCache()

    /// `GET /v1/{kind}`: from `listCache` while no write changed the data.
    func list(_ kind: ResourceKind) -> HTTPHandler {
        { request, _ in
            let page = try listCache.representation(of: request, generation: store.generation) {
                let list = try ListRequest(kind, request: request)
                return try store.listPage(list.query).representation(kind, list, for: request)
            }
            return .representation(page, for: request)
        }
    }

    /// `GET /v1/{kind}/{id}`: the store's cached bytes, re-encoded only for `pretty=true`.
    func get(_ kind: ResourceKind) -> HTTPHandler {
        { request, context in
            // Most reads carry no query: skip building the parameter table for them.
            let pretty = request.query.isEmpty ? false : try request.prettyParameter()
            let id = try context.existingID(kind)
            guard let stored = store.get(kind, id: id) else { throw APIError.notFound(kind, id.rawValue) }
            return pretty
                ? .representation(stored.json(pretty: true), etag: stored.etag.weakened, for: request)
                : .representation(stored.json, etag: stored.etag, for: request)
        }
    }

    /// `POST /v1/{kind}` → `201` with `Location`.
    func create(_ kind: ResourceKind) -> HTTPHandler {
        { request, _ in
            let body = try request.jsonObjectBody()
            let resource = try Self.decode(kind, .object(body), id: nil)
            let stored: StoredResource
            do throws(StoreError) {
                stored = try store.create(resource)
            } catch {
                throw APIError(error, key: resource.key)
            }
            return Self.written(stored, status: .created)
        }
    }

    /// `PUT /v1/{kind}/{id}`: create-or-replace; the body's `id` must equal the path's or be absent.
    func replace(_ kind: ResourceKind) -> HTTPHandler {
        { request, context in
            let body = try request.jsonObjectBody()
            let text = context.parameters["id"] ?? ""
            guard let id = ResourceID(text) else {
                throw APIError.validation([FieldError("id", "\"\(text)\" in the URL is not a valid id "
                    + "(1–64 characters of a-z, 0-9 and -, starting with a letter or digit)")])
            }
            let resource = try Self.decode(kind, .object(body), id: id)
            let result: (stored: StoredResource, created: Bool)
            do throws(StoreError) {
                result = try store.replace(resource, ifMatch: request.ifMatch)
            } catch {
                throw APIError(error, key: resource.key)
            }
            return Self.written(result.stored, status: result.created ? .created : .ok)
        }
    }

    /// `PATCH /v1/{kind}/{id}`: JSON Merge Patch (RFC 7396) applied atomically to the current state.
    func patch(_ kind: ResourceKind) -> HTTPHandler {
        { request, context in
            let id = try context.existingID(kind)
            let patch = try request.jsonObjectBody(accepting: [MediaType.mergePatchJSON, MediaType.json])
            let stored: StoredResource
            do throws(StoreError) {
                stored = try store.update(kind, id: id, ifMatch: request.ifMatch) { current throws(StoreError) in
                    let patched = current.jsonValue.mergePatched(with: .object(patch))
                    switch Resource.decode(kind, from: patched, id: id) {
                    case .success(let resource): return resource
                    case .failure(let failure): throw .invalidResource(failure.errors)
                    }
                }
            } catch {
                throw APIError(error, key: ResourceKey(kind, id))
            }
            return Self.written(stored, status: .ok)
        }
    }

    /// `DELETE /v1/{kind}/{id}` → `204`.
    func delete(_ kind: ResourceKind) -> HTTPHandler {
        { request, context in
            let id = try context.existingID(kind)
            do throws(StoreError) {
                try store.delete(kind, id: id, ifMatch: request.ifMatch)
            } catch {
                throw APIError(error, key: ResourceKey(kind, id))
            }
            return HTTPResponse(status: .noContent)
        }
    }

    /// Decodes and validates a request body (422 with every broken rule).
    static func decode(_ kind: ResourceKind, _ value: JSONValue, id: ResourceID?) throws(APIError) -> Resource {
        switch Resource.decode(kind, from: value, id: id) {
        case .success(let resource): return resource
        case .failure(let failure): throw .validation(failure.errors)
        }
    }

    /// The answer to a successful write: the stored resource with its `ETag`, and `Location` on a `201`.
    private static func written(_ stored: StoredResource, status: HTTPStatus) -> HTTPResponse {
        var headers: HTTPHeaders = [HTTPHeaders.etag: stored.etag]
        if status == .created {
            headers[HTTPHeaders.location] = "/v1/\(stored.key.kind.rawValue)/\(stored.key.id.rawValue)"
        }
        return .json(stored.json, status: status, headers: headers)
    }
}

extension ResourceStore {
    /// `list` with store errors turned into problems.
    func listPage(_ query: ListQuery) throws(APIError) -> ListPage {
        do throws(StoreError) {
            return try list(query)
        } catch {
            throw APIError(error, key: query.scope ?? ResourceKey(query.kind, .unassigned))
        }
    }
}
