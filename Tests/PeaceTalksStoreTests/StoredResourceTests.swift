import Testing

@testable import PeaceTalksModel
@testable import PeaceTalksStore

@Suite struct StoredResourceTests {
    let clock = TestClock()
    let body = "First paragraph with \"quotes\", a \\ and é.\n\nSecond \u{0} paragraph: وقف إطلاق النار 😀"

    /// The article of `stored`.
    private func article(_ stored: StoredResource?) throws -> Article {
        let resource = try #require(stored?.resource)
        guard case .article(let article) = resource else { throw StoreError.notFound(resource.key) }
        return article
    }

    @Test func storedArticle_KeepsItsBodyOnlyInTheStoredJSON() throws {
        let stored = try InMemoryStore(clock: clock.closure).create(Make.article("a", body: body))
        let article = try article(stored)
        let kept = try #require(article.bodyStorage.json)
        #expect(kept.withUnsafeBufferPointer(\.baseAddress) == stored.json.withUnsafeBufferPointer(\.baseAddress))
        #expect(article.body == body)
        #expect(try JSONParser.parseObject(stored.json)["body"] == .string(body))
    }

    @Test func storedArticle_ReadBackFromItsJSON_EqualsTheOriginal() throws {
        let original = try article(StoredResource(resource: Make.article("a", body: body), version: 1))
        let json = original.jsonValue.encoded()
        let decoded = try Article.decode(from: JSONParser.parse(json), mode: .replay).get()
        let replayed = StoredResource(resource: .article(decoded), version: 1, json: json)
        #expect(try article(replayed) == original)
        #expect(replayed.listItemJSON == StoredResource(resource: .article(original), version: 1).listItemJSON)
    }

    @Test func cachedJSON_KeepsNoSpareCapacity() throws {
        let stored = try InMemoryStore(clock: clock.closure).create(Make.article("a", body: body + body + body))
        #expect(stored.json.capacity - stored.json.count <= 64)
        #expect(stored.listItemJSON.capacity - stored.listItemJSON.count <= 64)
    }

    /// What `PATCH` does: merge the patch into the current JSON form and decode the result.
    private func patch(_ store: InMemoryStore, _ patch: JSONObject) throws -> StoredResource {
        try store.update(.articles, id: "a", ifMatch: nil) { current throws(StoreError) in
            let patched = current.jsonValue.mergePatched(with: .object(patch))
            switch Resource.decode(.articles, from: patched, id: "a") {
            case .success(let resource): return resource
            case .failure(let failure): throw .invalidResource(failure.errors)
            }
        }
    }

    @Test func patchingAStoredArticle_ChangesOrKeepsTheBody() throws {
        let store = InMemoryStore(clock: clock.closure)
        _ = try store.create(Make.article("a", body: body))
        let retitled = try patch(store, ["title": "New title"])
        #expect(try article(retitled).body == body)
        #expect(try article(retitled).title == "New title")
        let rewritten = try patch(store, ["body": "New \"body\"\n"])
        #expect(try article(rewritten).body == "New \"body\"\n")
        #expect(try article(store.get(.articles, id: "a")).body == "New \"body\"\n")
        #expect(try JSONParser.parseObject(rewritten.json)["body"] == .string("New \"body\"\n"))
        #expect(try article(rewritten).bodyStorage.json != nil)
    }
}
