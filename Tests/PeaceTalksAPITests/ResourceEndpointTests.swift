import PeaceTalksModel
import PeaceTalksStore
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ResourceEndpointTests {
    static let newParticipant: JSONValue = [
        "id": "test-envoy", "kind": "person", "name": ["en": "Test Envoy", "ar": "مبعوث تجريبي"],
        "aliases": ["T. Envoy"], "side": "mediator",
    ]

    @Test(arguments: TestMode.allCases)
    func getByID_ServesStoredJSON_WithETag(mode: TestMode) throws {
        let api = try APITester(mode)
        let response = try api.request("GET", "/v1/participants/staffan-de-mistura")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        let stored = try #require(api.store.get(.participants, id: "staffan-de-mistura"))
        #expect(response.body == stored.json)
        #expect(response.header("ETag") == stored.etag)
        #expect(!response.text.contains("\\u"))

        let pretty = try api.request("GET", "/v1/participants/staffan-de-mistura?pretty=true")
        #expect(pretty.text.contains("\n  \"id\": \"staffan-de-mistura\""))
        #expect(pretty.json == response.json)
    }

    @Test(arguments: TestMode.allCases)
    func conditionalGet_Returns304_WhenIfNoneMatchMatches(mode: TestMode) throws {
        let api = try APITester(mode)
        let first = try api.request("GET", "/v1/talks/astana-talks-2017-01")
        let etag = try #require(first.header("ETag"))
        for condition in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
            let again = try api.request(
                "GET", "/v1/talks/astana-talks-2017-01", headers: [("If-None-Match", condition)])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            #expect(again.header("ETag") == etag)
        }
        let changed = try api.request("GET", "/v1/talks/astana-talks-2017-01", headers: [("If-None-Match", "\"x\"")])
        #expect(changed.status == 200)
    }

    @Test(arguments: TestMode.allCases)
    func duplicateArticleURL_Is422OnURL_AndChangesNothing(mode: TestMode) throws {
        let api = try APITester(mode)
        let article: JSONValue = [
            "id": "first-copy", "title": "Talks resume", "body": "Delegations met.", "language": "en",
            "url": "https://example.org/news/talks",
        ]
        #expect(try api.request("POST", "/v1/articles", json: article, auth: true).status == 201)
        var copy = article
        copy = copy.mergePatched(with: ["id": "second-copy"])
        let duplicate = try api.request("POST", "/v1/articles", json: copy, auth: true)
        #expect(duplicate.status == 422)
        guard case .array(let errors)? = duplicate["errors"] else {
            Issue.record("no errors list")
            return
        }
        #expect(errors.map { $0.objectValue?["field"] } == ["url"])
        #expect(try api.request("GET", "/v1/articles/second-copy").status == 404)
    }

    @Test(arguments: TestMode.allCases)
    func unknownResourceOrRoute_Is404_WrongMethod_Is405WithAllow(mode: TestMode) throws {
        let api = try APITester(mode)
        let missing = try api.request("GET", "/v1/participants/nobody")
        #expect(missing.status == 404)
        #expect(missing.header("Content-Type") == "application/problem+json")
        #expect(missing["status"] == 404)
        #expect(missing["type"] == "about:blank")
        #expect(try api.request("GET", "/v1/participants/NOT_AN_ID").status == 404)
        #expect(try api.request("GET", "/v1/unicorns").status == 404)
        let wrong = try api.request("POST", "/v1/participants/staffan-de-mistura", json: [:], auth: true)
        #expect(wrong.status == 405)
        #expect(wrong.header("Allow")?.contains("PATCH") == true)
        // Route errors come before authentication.
        #expect(try api.request("DELETE", "/v1/participants").status == 405)
    }

    @Test(arguments: TestMode.allCases)
    func writesWithoutValidKey_Are401_WithWWWAuthenticate(mode: TestMode) throws {
        let api = try APITester(mode)
        let attempts: [(String, String, [(String, String)])] = [
            ("POST", "/v1/participants", []),
            ("PUT", "/v1/participants/x", [("Authorization", "Bearer wrong")]),
            ("PATCH", "/v1/participants/staffan-de-mistura", [("Authorization", "Basic \(testKey)")]),
            ("DELETE", "/v1/participants/staffan-de-mistura", [("Authorization", "Bearer test-key-012345678")]),
            ("POST", "/v1/articles/fetch", []),
        ]
        for (method, path, headers) in attempts {
            // Even a body that is not JSON: authentication answers first.
            let response = try api.request(method, path, headers: headers + [("Content-Type", "text/plain")], body: "{")
            #expect(response.status == 401, "\(method) \(path)")
            #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(response.header("Content-Type") == "application/problem+json")
        }
        #expect(api.store.get(.participants, id: "staffan-de-mistura") != nil)
        let second = try api.request("POST", "/v1/participants", headers: [("Authorization", "Bearer second-key")],
                                     json: Self.newParticipant)
        #expect(second.status == 201)
    }

    @Test(arguments: TestMode.allCases)
    func post_Creates201_WithLocation_Then409OnSameID(mode: TestMode) throws {
        let api = try APITester(mode)
        let created = try api.request("POST", "/v1/participants", json: Self.newParticipant, auth: true)
        #expect(created.status == 201)
        #expect(created.header("Location") == "/v1/participants/test-envoy")
        #expect(created["name"] == ["en": "Test Envoy", "ar": "مبعوث تجريبي"])
        #expect(created["created_at"] != nil)
        #expect(created.header("ETag") == api.store.get(.participants, id: "test-envoy")?.etag)
        let fetched = try api.request("GET", "/v1/participants/test-envoy")
        #expect(fetched.body == created.body)

        let again = try api.request("POST", "/v1/participants", json: Self.newParticipant, auth: true)
        #expect(again.status == 409)
        #expect(again["errors"] == nil)

        var noID = Self.newParticipant.objectValue!
        noID["id"] = nil
        noID["name"] = ["en": "Generated Slug Person"]
        let generated = try api.request("POST", "/v1/participants", json: .object(noID), auth: true)
        #expect(generated.status == 201)
        #expect(generated.header("Location")?.hasPrefix("/v1/participants/") == true)
    }

    @Test(arguments: TestMode.allCases)
    func invalidBody_Is422_ListingEveryError(mode: TestMode) throws {
        let api = try APITester(mode)
        let body: JSONValue = [
            "kind": "wizard", "name": [:], "affiliation": "no-such-participant", "colour": "blue",
        ]
        let response = try api.request("POST", "/v1/participants", json: body, auth: true)
        #expect(response.status == 422)
        #expect(response.header("Content-Type") == "application/problem+json")
        guard case .array(let errors)? = response["errors"] else {
            Issue.record("no errors array: \(response.text)")
            return
        }
        let fields = errors.compactMap { $0.objectValue?["field"] }
        #expect(fields.contains("kind"))
        #expect(fields.contains("name"))
        #expect(fields.contains("colour"))

        let talks: JSONValue = [
            "name": ["en": "Bad dates"], "start_date": "2017-01-24", "end_date": "2017-01-23",
            "participants": ["nobody-at-all"],
        ]
        let dates = try api.request("POST", "/v1/talks", json: talks, auth: true)
        #expect(dates.status == 422)
        #expect(dates.text.contains("end_date"))
        let references = try api.request("POST", "/v1/talks", json: ["name": ["en": "Ghost round"],
                                                                      "participants": ["nobody-at-all"]], auth: true)
        #expect(references.status == 422)
        #expect(references.text.contains("participants[0]"))
    }

    @Test(arguments: TestMode.allCases)
    func mediaTypeAndSyntax_Are415Then400(mode: TestMode) throws {
        let api = try APITester(mode)
        let plain = try api.request("POST", "/v1/participants", headers: [("Content-Type", "text/plain")],
                                    body: "{}", auth: true)
        #expect(plain.status == 415)
        let latin1 = try api.request("POST", "/v1/participants",
                                     headers: [("Content-Type", "application/json; charset=iso-8859-1")],
                                     body: "{}", auth: true)
        #expect(latin1.status == 415)
        let missing = try api.request("PUT", "/v1/participants/x", body: "{}", auth: true)
        #expect(missing.status == 415)
        let mergeOnPost = try api.request("POST", "/v1/participants",
                                          headers: [("Content-Type", "application/merge-patch+json")],
                                          body: "{}", auth: true)
        #expect(mergeOnPost.status == 415)

        let broken = try api.request("POST", "/v1/participants",
                                     headers: [("Content-Type", "application/json; charset=UTF-8")],
                                     body: "{\"kind\": \"person\",, }", auth: true)
        #expect(broken.status == 400)
        #expect(broken["detail"].map { "\($0)" }?.contains("byte") == true)
        var invalidUTF8 = Array("{\"kind\": \"".utf8)
        invalidUTF8 += [0xC3, 0x28]
        invalidUTF8 += Array("\"}".utf8)
        let head = "POST /v1/participants HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(testKey)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(invalidUTF8.count)\r\n\r\n"
        let utf8 = try api.exchange(Array(head.utf8) + invalidUTF8, method: "POST")
        #expect(utf8.status == 400)
        let array = try api.request("POST", "/v1/participants", body: "[]", auth: true)
        #expect(array.status == 415)
        let arrayJSON = try api.request("POST", "/v1/participants", json: [], auth: true)
        #expect(arrayJSON.status == 400)
    }

    @Test(arguments: TestMode.allCases)
    func put_CreatesThenReplaces_AndChecksBodyID(mode: TestMode) throws {
        let api = try APITester(mode)
        var body = Self.newParticipant.objectValue!
        body["id"] = nil
        let created = try api.request("PUT", "/v1/participants/put-envoy", json: .object(body), auth: true)
        #expect(created.status == 201)
        #expect(created.header("Location") == "/v1/participants/put-envoy")
        #expect(created["id"] == "put-envoy")
        body["aliases"] = ["Replaced"]
        body["id"] = "put-envoy"
        let replaced = try api.request("PUT", "/v1/participants/put-envoy", json: .object(body), auth: true)
        #expect(replaced.status == 200)
        #expect(replaced["aliases"] == ["Replaced"])
        #expect(replaced["created_at"] == created["created_at"])

        body["id"] = "someone-else"
        let mismatch = try api.request("PUT", "/v1/participants/put-envoy", json: .object(body), auth: true)
        #expect(mismatch.status == 422)
        #expect(mismatch.text.contains("\"field\":\"id\""))
        let badPathID = try api.request("PUT", "/v1/participants/Bad_ID", json: Self.newParticipant, auth: true)
        #expect(badPathID.status == 422)
    }

    @Test(arguments: TestMode.allCases)
    func patch_AppliesMergePatch_WithEitherMediaType(mode: TestMode) throws {
        let api = try APITester(mode)
        let before = try #require(api.store.get(.participants, id: "staffan-de-mistura"))
        let patched = try api.request(
            "PATCH", "/v1/participants/staffan-de-mistura",
            headers: [("Content-Type", "application/merge-patch+json")],
            json: ["role": ["en": "Envoy"], "side": nil], auth: true)
        #expect(patched.status == 200)
        // RFC 7396: objects merge member by member, so the Arabic role stays.
        #expect(patched["role"]?.objectValue?["en"] == "Envoy")
        let arabicRole = before.resource.jsonValue.objectValue?["role"]?.objectValue?["ar"]
        #expect(patched["role"]?.objectValue?["ar"] == arabicRole)
        #expect(patched["side"] == .null)
        #expect(patched["name"] == before.resource.jsonValue.objectValue?["name"])
        #expect(patched.header("ETag") != before.etag)

        let plain = try api.request(
            "PATCH", "/v1/participants/staffan-de-mistura", json: ["aliases": ["x"]], auth: true)
        #expect(plain.status == 200)
        #expect(plain["aliases"] == ["x"])
        let invalid = try api.request("PATCH", "/v1/participants/staffan-de-mistura", json: ["kind": "cat"], auth: true)
        #expect(invalid.status == 422)
        let missing = try api.request("PATCH", "/v1/participants/nobody", json: ["aliases": []], auth: true)
        #expect(missing.status == 404)
    }

    @Test(arguments: TestMode.allCases)
    func ifMatch_GuardsWrites_With412(mode: TestMode) throws {
        let api = try APITester(mode)
        let etag = try #require(api.store.get(.participants, id: "staffan-de-mistura")?.etag)
        let stale = try api.request("PATCH", "/v1/participants/staffan-de-mistura",
                                    headers: [("If-Match", "\"stale\"")], json: ["aliases": []], auth: true)
        #expect(stale.status == 412)
        let weak = try api.request("PATCH", "/v1/participants/staffan-de-mistura",
                                   headers: [("If-Match", "W/\(etag)")], json: ["aliases": []], auth: true)
        #expect(weak.status == 412)
        let fresh = try api.request("PATCH", "/v1/participants/staffan-de-mistura",
                                    headers: [("If-Match", etag)], json: ["aliases": []], auth: true)
        #expect(fresh.status == 200)
        let newETag = try #require(fresh.header("ETag"))
        let deleteStale = try api.request("DELETE", "/v1/statements/vassilenko-talks-duration",
                                          headers: [("If-Match", etag)], auth: true)
        #expect(deleteStale.status == 412)
        let putNew = try api.request("PUT", "/v1/participants/brand-new", headers: [("If-Match", "*")],
                                     json: Self.newParticipant.objectValue.map { var o = $0; o["id"] = nil
                                         return .object(o) }, auth: true)
        #expect(putNew.status == 412)
        let star = try api.request("PATCH", "/v1/participants/staffan-de-mistura",
                                   headers: [("If-Match", "*")], json: ["aliases": ["y"]], auth: true)
        #expect(star.status == 200)
        #expect(star.header("ETag") != newETag)
    }

    @Test(arguments: TestMode.allCases)
    func delete_Is204_Or409ListingReferences(mode: TestMode) throws {
        let api = try APITester(mode)
        let referenced = try api.request("DELETE", "/v1/participants/staffan-de-mistura", auth: true)
        #expect(referenced.status == 409)
        guard case .array(let references)? = referenced["references"] else {
            Issue.record("no references: \(referenced.text)")
            return
        }
        #expect(!references.isEmpty)
        #expect(references.allSatisfy { $0.objectValue?["kind"] != nil && $0.objectValue?["id"] != nil })

        let statement = try api.request("DELETE", "/v1/statements/vassilenko-talks-duration", auth: true)
        #expect(statement.status == 204)
        #expect(statement.body.isEmpty)
        #expect(try api.request("GET", "/v1/statements/vassilenko-talks-duration").status == 404)
        #expect(try api.request("DELETE", "/v1/statements/vassilenko-talks-duration", auth: true).status == 404)
    }
}
