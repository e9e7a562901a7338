import HTTPServer
import PeaceTalksModel
import PeaceTalksStore
import Testing

@testable import PeaceTalksAPI

@Suite(.timeLimit(.minutes(1)))
struct ResponseCacheTests {
    private func representation(_ text: String, bytes: Int = 1) -> Representation {
        Representation(body: Array(repeating: 0x20, count: bytes), etag: "\"\(text)\"")
    }

    private func key(_ target: String, csv: Bool = false) -> ResponseCache.Key {
        ResponseCache.Key(target: target, acceptsCSV: csv)
    }

    @Test func entries_AreServedOnlyAtTheirGeneration() {
        let cache = ResponseCache()
        cache.insert(representation("a"), for: key("/a"), generation: 5)
        #expect(cache.representation(for: key("/a"), generation: 5)?.etag == "\"a\"")
        #expect(cache.representation(for: key("/a", csv: true), generation: 5) == nil)
        #expect(cache.representation(for: key("/a"), generation: 6) == nil)
        cache.insert(representation("b"), for: key("/b"), generation: 6)
        #expect(cache.count == 1, "a newer generation drops every older entry")
        #expect(cache.representation(for: key("/a"), generation: 5) == nil)
        cache.insert(representation("old"), for: key("/c"), generation: 5)
        #expect(cache.representation(for: key("/c"), generation: 5) == nil, "older than the cache: never kept")
        #expect(cache.count == 1)
    }

    @Test func leastRecentlyUsed_GoesFirst_ByCountAndBytes() {
        let cache = ResponseCache(maxEntries: 2, maxBytes: 100)
        cache.insert(representation("a"), for: key("/a"), generation: 1)
        cache.insert(representation("b"), for: key("/b"), generation: 1)
        _ = cache.representation(for: key("/a"), generation: 1)
        cache.insert(representation("c"), for: key("/c"), generation: 1)
        #expect(cache.representation(for: key("/a"), generation: 1) != nil)
        #expect(cache.representation(for: key("/b"), generation: 1) == nil)
        #expect(cache.representation(for: key("/c"), generation: 1) != nil)

        cache.insert(representation("big", bytes: 90), for: key("/big"), generation: 1)
        #expect(cache.count == 2)
        #expect(cache.representation(for: key("/a"), generation: 1) == nil)
        cache.insert(representation("mid", bytes: 20), for: key("/mid"), generation: 1)
        #expect(cache.count == 1, "90 + 20 bytes pass 100: the older entries go")
        #expect(cache.representation(for: key("/mid"), generation: 1) != nil)
        cache.insert(representation("huge", bytes: 101), for: key("/huge"), generation: 1)
        #expect(cache.representation(for: key("/huge"), generation: 1) == nil, "larger than the whole cache")
    }

    private func listIDs(_ response: TestResponse) -> [String] {
        guard case .array(let items)? = response["items"] else { return [] }
        return items.compactMap { $0.objectValue?["id"].flatMap { if case .string(let id) = $0 { id } else { nil } } }
    }

    @Test(arguments: TestMode.allCases)
    func everyWrite_ChangesTheCachedListPages(mode: TestMode) throws {
        let api = try APITester(mode)
        let list = "/v1/participants?limit=100"
        let first = try api.request("GET", list)
        let again = try api.request("GET", list)
        #expect(again.body == first.body && again.header("ETag") == first.header("ETag"))
        #expect(again.header("X-Total-Count") == first.header("X-Total-Count"))
        #expect(try api.request("GET", list, headers: [("If-None-Match", first.header("ETag") ?? "")]).status == 304)

        let created = try api.request("POST", "/v1/participants", json: ResourceEndpointTests.newParticipant, auth: true)
        #expect(created.status == 201)
        let afterCreate = try api.request("GET", list)
        #expect(listIDs(afterCreate).contains("test-envoy"))
        #expect(afterCreate.header("ETag") != first.header("ETag"))

        var replaced = ResourceEndpointTests.newParticipant
        if case .object(var object) = replaced {
            object["name"] = ["en": "Renamed Envoy"]
            replaced = .object(object)
        }
        #expect(try api.request("PUT", "/v1/participants/test-envoy", json: replaced, auth: true).status == 200)
        let afterReplace = try api.request("GET", list)
        #expect(afterReplace.text.contains("Renamed Envoy"))

        let patch = try api.request(
            "PATCH", "/v1/participants/test-envoy", headers: [("Content-Type", "application/merge-patch+json")],
            body: #"{"name":{"en":"Patched Envoy"}}"#, auth: true)
        #expect(patch.status == 200)
        #expect(try api.request("GET", list).text.contains("Patched Envoy"))

        #expect(try api.request("DELETE", "/v1/participants/test-envoy", auth: true).status == 204)
        let afterDelete = try api.request("GET", list)
        #expect(!listIDs(afterDelete).contains("test-envoy"))
        #expect(afterDelete.body == first.body)
    }

    @Test(arguments: TestMode.allCases)
    func subLists_FollowWrites(mode: TestMode) throws {
        let api = try APITester(mode)
        let list = "/v1/participants/roman-vassilenko/statements"
        let before = try api.request("GET", list)
        #expect(listIDs(before).contains("vassilenko-talks-duration"))
        let patch = try api.request(
            "PATCH", "/v1/statements/vassilenko-talks-duration",
            headers: [("Content-Type", "application/merge-patch+json")],
            body: #"{"translation":{"en":"a changed translation"}}"#, auth: true)
        #expect(patch.status == 200)
        #expect(try api.request("GET", list).text.contains("a changed translation"))
    }

    @Test(arguments: TestMode.allCases)
    func acceptCSV_AndFormat_AreCachedApart(mode: TestMode) throws {
        let api = try APITester(mode)
        let json = try api.request("GET", "/v1/talks")
        let csv = try api.request("GET", "/v1/talks", headers: [("Accept", "text/csv")])
        #expect(json.header("Content-Type") == "application/json; charset=utf-8")
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(try api.request("GET", "/v1/talks").body == json.body)
        #expect(try api.request("GET", "/v1/talks", headers: [("Accept", "text/csv")]).body == csv.body)
        #expect(try api.request("GET", "/v1/talks?format=bogus").status == 400)
        let refused = try api.request("GET", "/v1/talks", headers: [("Accept", "text/csv;q=0, application/json")])
        #expect(refused.body == json.body)
        let upper = try api.request("GET", "/v1/talks", headers: [("accept", "TEXT/CSV")])
        #expect(upper.body == csv.body)
    }
}
