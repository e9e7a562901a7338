import HTTPServer
import PeaceTalksModel
import PeaceTalksStore

/// The read-only views across resources: sub-resource lists, a round's timeline, volume and search.
struct CollectionHandlers: Sendable {
    let store: any ResourceStore
    /// Finished sub-resource list pages of the current data.
    let listCache = ResponseCache()

    /// `GET /v1/{parent}/{id}/{child}`: the child list scoped to an existing parent (404 otherwise); from
    /// `listCache` while no write changed the data.
    func subList(parent: ResourceKind, child: ResourceKind) -> HTTPHandler {
        { request, context in
            let page = try listCache.representation(of: request, generation: store.generation) {
                let list = try ListRequest(child, scope: nil, request: request)
                let id = try context.existingID(parent)
                var query = list.query
                query.scope = ResourceKey(parent, id)
                return try store.listPage(query).representation(child, list, for: request)
            }
            return .representation(page, for: request)
        }
    }

    /// `GET /v1/talks/{id}/timeline`: `{"items": [{"kind", "id", "at", "resource"}]}` in time order, articles as
    /// list items (with `excerpt`; `include=body` adds `body`), statements whole (`Timeline` in openapi.json).
    func timeline() -> HTTPHandler {
        { request, context in
            let parameters = try QueryParameters(request.query, allowed: ["include", "pretty"])
            let pretty = try parameters.flag("pretty")
            let includeBody = try ListRequest.includeBody(parameters)
            let id = try context.existingID(.talks)
            let items: [TimelineItem]
            do throws(StoreError) {
                items = try store.timeline(talks: id)
            } catch {
                throw APIError(error, key: ResourceKey(.talks, id))
            }
            let entries = items.map { item -> JSONValue in
                var at: JSONValue = .null
                // The store's own encoding: parsing it back cannot fail.
                var resource = (try? JSONParser.parse(item.stored.listItemJSON)) ?? .null
                switch item.stored.resource {
                case .article(let article):
                    at = article.publishedAt.map { .string(Timestamp.format($0)) } ?? .null
                    if includeBody { resource = ListItem.addingBody(article.body, to: item.stored.listItemJSON) }
                case .statement(let statement): at = statement.saidOn.map { .string($0.description) } ?? .null
                case .participant, .talks: break
                }
                return [
                    "kind": .string(item.stored.key.kind.rawValue), "id": .string(item.stored.key.id.rawValue),
                    "at": at, "resource": resource,
                ]
            }
            return Self.derived(["items": .array(entries)], pretty: pretty, for: request)
        }
    }

    /// `GET /v1/volume?kind=articles&interval=day` with the filters of that kind's list.
    func volume() -> HTTPHandler {
        { request, _ in
            let kindText = request.queryValue("kind") ?? ResourceKind.articles.rawValue
            guard let kind = ResourceKind(rawValue: kindText), kind == .articles || kind == .statements else {
                throw APIError.badQuery("kind=\(kindText) is not accepted; volume counts articles or statements.")
            }
            // `kind` names what is counted, so the statements' own `kind` filter is spelled `statement_kind`.
            let renamed = kind == .statements ? ["kind": "statement_kind"] : [:]
            let allowed = ListRequest.filterNames(for: kind, renamed: renamed).union(["kind", "interval", "pretty"])
            let parameters = try QueryParameters(request.query, allowed: allowed)
            _ = try parameters.single("kind")
            let intervalText = try parameters.single("interval") ?? VolumeInterval.day.rawValue
            guard let interval = VolumeInterval(rawValue: intervalText) else {
                let intervals = VolumeInterval.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.badQuery("interval=\(intervalText) is not one of: \(intervals).")
            }
            let filter = try ListRequest.makeQuery(kind, scope: nil, parameters: parameters, renamed: renamed)
            let buckets: [VolumeBucket]
            do throws(StoreError) {
                buckets = try store.volume(VolumeQuery(filter: filter, interval: interval))
            } catch {
                throw APIError(error, key: ResourceKey(kind, .unassigned))
            }
            let items = buckets.map { bucket -> JSONValue in
                ["period": .string(bucket.period), "count": .number(Double(bucket.count))]
            }
            return Self.derived(["items": .array(items)], pretty: try parameters.flag("pretty"), for: request)
        }
    }

    /// `GET /v1/search?q=`: `{"items": [{"kind", "id", "score", "snippet"}], "next_cursor", "total"}`.
    func search() -> HTTPHandler {
        { request, _ in
            let parameters = try QueryParameters(request.query, allowed: ["q", "kind", "limit", "cursor", "pretty"])
            guard let q = try parameters.single("q"), q.contains(where: { !$0.isWhitespace }) else {
                throw APIError.badQuery("Query parameter \"q\" is required and must not be empty.")
            }
            var kinds = Set<ResourceKind>()
            for text in try parameters.multiple("kind") {
                guard let kind = ResourceKind(rawValue: text) else {
                    let names = ResourceKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw APIError.badQuery("kind=\(text) is not one of: \(names).")
                }
                kinds.insert(kind)
            }
            let query = SearchQuery(
                q: q, kinds: kinds, limit: try parameters.limit(), cursor: try parameters.single("cursor"))
            let page: ListPage
            do throws(StoreError) {
                page = try store.search(query)
            } catch {
                throw APIError(error, key: ResourceKey(.articles, .unassigned))
            }
            let items = page.items.map { item -> JSONValue in
                [
                    "kind": .string(item.stored.key.kind.rawValue), "id": .string(item.stored.key.id.rawValue),
                    "score": .number(((item.score ?? 0) * 10_000).rounded() / 10_000),
                    "snippet": .string(item.snippet ?? ""),
                ]
            }
            let body: JSONValue = [
                "items": .array(items), "next_cursor": page.nextCursor.map(JSONValue.string) ?? .null,
                "total": .number(Double(page.total)),
            ]
            var headers: HTTPHeaders = ["X-Total-Count": String(page.total)]
            if let next = page.nextCursor {
                headers["Link"] = "<\(request.nextPageTarget(cursor: next))>; rel=\"next\""
            }
            let pretty = try parameters.flag("pretty")
            return .representation(
                body.encoded(pretty: pretty), etag: pretty ? page.etag.weakened : page.etag, headers: headers,
                for: request)
        }
    }

    /// A computed JSON document with an `ETag` hashed from its compact bytes.
    static func derived(_ value: JSONValue, pretty: Bool, for request: HTTPRequest) -> HTTPResponse {
        let compact = value.encoded()
        let etag = "\"" + ContentHash.hex(of: compact) + "\""
        return pretty
            ? .representation(value.encoded(pretty: true), etag: etag.weakened, for: request)
            : .representation(compact, etag: etag, for: request)
    }
}
