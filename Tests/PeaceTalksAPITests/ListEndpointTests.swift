import Foundation
import PeaceTalksModel
import PeaceTalksStore
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ListEndpointTests {
    private func ids(_ response: TestResponse) -> [String] {
        guard case .array(let items)? = response["items"] else { return [] }
        return items.compactMap { item in
            if case .string(let id)? = item.objectValue?["id"] { return id }
            return nil
        }
    }

    @Test(arguments: TestMode.allCases)
    func list_HasItemsCursorTotal_AndETag(mode: TestMode) throws {
        let api = try APITester(mode)
        let response = try api.request("GET", "/v1/participants?limit=5")
        #expect(response.status == 200)
        #expect(ids(response).count == 5)
        #expect(response["total"] == .number(Double(api.store.count(.participants))))
        #expect(response["next_cursor"] != .null)
        #expect(response.header("X-Total-Count") == String(api.store.count(.participants)))
        #expect(response.header("Link")?.contains("rel=\"next\"") == true)
        let etag = try #require(response.header("ETag"))
        let again = try api.request("GET", "/v1/participants?limit=5", headers: [("If-None-Match", etag)])
        #expect(again.status == 304)
    }

    @Test(arguments: TestMode.allCases)
    func articleItems_CarryExcerpt_UnlessIncludeBody(mode: TestMode) throws {
        let api = try APITester(mode)
        let list = try api.request("GET", "/v1/articles")
        let item = try #require(list["items"].flatMap { if case .array(let a) = $0 { a.first } else { nil } })
        #expect(item.objectValue?["body"] == nil)
        #expect(item.objectValue?["excerpt"] != nil)
        let full = try api.request("GET", "/v1/articles?include=body")
        #expect(full.text.contains("\"body\":"))
        #expect(try api.request("GET", "/v1/participants?include=body").status == 400)
    }

    @Test(arguments: TestMode.allCases)
    func badQueryParameters_Are400_NamingTheParameter(mode: TestMode) throws {
        let api = try APITester(mode)
        let cases: [(String, String)] = [
            ("/v1/participants?colour=blue", "colour"),
            ("/v1/participants?limit=0", "limit"),
            ("/v1/participants?limit=101", "limit"),
            ("/v1/participants?limit=ten", "limit"),
            ("/v1/participants?limit=5&limit=6", "limit"),
            ("/v1/articles?from=2017-13-01", "from"),
            ("/v1/statements?to=yesterday", "to"),
            ("/v1/participants?kind=wizard", "kind"),
            ("/v1/participants?side=government,villain", "side"),
            ("/v1/statements?kind=rumour", "kind"),
            ("/v1/articles?language=not_a_tag!", "language"),
            ("/v1/articles?participant=Bad_Id", "participant"),
            ("/v1/articles?sort=name", "sort"),
            ("/v1/participants?from=2017-01-01", "from"),
            ("/v1/participants?format=xml", "format"),
            ("/v1/participants?pretty=yes", "pretty"),
            ("/v1/articles?cursor=garbage", "cursor"),
            ("/v1/search?q=", "q"),
            ("/v1/search", "q"),
            ("/v1/search?q=x&kind=unicorns", "kind"),
            ("/v1/volume?interval=year", "interval"),
            ("/v1/volume?kind=participants", "kind"),
            ("/v1/volume?kind=statements&statement_kind=rumour", "statement_kind"),
            ("/v1/volume?kind=articles&statement_kind=direct", "statement_kind"),
            ("/v1/talks/astana-talks-2017-01/timeline?include=everything", "include"),
            ("/v1/participants/staffan-de-mistura?verbose=1", "verbose"),
        ]
        for (target, parameter) in cases {
            let response = try api.request("GET", target)
            #expect(response.status == 400, "\(target)")
            #expect(response.header("Content-Type") == "application/problem+json", "\(target)")
            #expect(response.text.contains(parameter), "\(target): \(response.text)")
        }
    }

    @Test(arguments: TestMode.allCases)
    func filters_RepeatedOrCommaSeparatedMeanOR(mode: TestMode) throws {
        let api = try APITester(mode)
        let persons = try api.request("GET", "/v1/participants?kind=person&limit=100")
        let states = try api.request("GET", "/v1/participants?kind=state&limit=100")
        let both = try api.request("GET", "/v1/participants?kind=person,state&limit=100")
        let repeated = try api.request("GET", "/v1/participants?kind=person&kind=state&limit=100")
        #expect(!ids(persons).isEmpty && !ids(states).isEmpty)
        #expect(Set(ids(both)) == Set(ids(persons) + ids(states)))
        #expect(Set(ids(repeated)) == Set(ids(both)))
        let ranged = try api.request("GET", "/v1/statements?from=2017-01-23&to=2017-01-23T23:59:59Z&limit=100")
        #expect(ranged.status == 200)
    }

    @Test(arguments: TestMode.allCases)
    func arabicQuery_FindsDeMistura(mode: TestMode) throws {
        let api = try APITester(mode)
        let response = try api.request("GET", "/v1/participants?q=\(percent("دي ميستورا"))")
        #expect(response.status == 200)
        #expect(ids(response).first == "staffan-de-mistura")
        let item = try #require(response["items"].flatMap { if case .array(let a) = $0 { a.first } else { nil } })
        #expect(item.objectValue?["score"] != nil)
        #expect(item.objectValue?["snippet"] != nil)
        let english = try api.request("GET", "/v1/participants?q=mistura")
        #expect(ids(english).contains("staffan-de-mistura"))
    }

    @Test(arguments: TestMode.allCases)
    func csv_IsRFC4180_WithFlattenedColumns(mode: TestMode) throws {
        let api = try APITester(mode)
        let response = try api.request("GET", "/v1/talks?format=csv&limit=1")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(response.header("X-Total-Count") == "2")
        #expect(response.header("Link")?.contains("cursor=") == true)
        let lines = response.text.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,name_en,name_ar,process,location_city,location_country,start_date,end_date,"
            + "participants,summary_en,summary_ar,created_at,updated_at")
        #expect(response.text.hasSuffix("\r\n"))
        #expect(lines[1].contains("Astana,KZ") || lines[1].contains("Geneva"))
        let viaAccept = try api.request("GET", "/v1/talks?limit=1", headers: [("Accept", "text/csv")])
        #expect(viaAccept.body == response.body)
        #expect(viaAccept.header("ETag") != nil)
        let json = try api.request("GET", "/v1/talks?limit=1")
        #expect(json.header("ETag") != response.header("ETag"))
        let participants = try api.request("GET", "/v1/participants?format=csv&limit=100")
        #expect(participants.text.contains(";"))
        let articles = try api.request("GET", "/v1/articles?format=csv")
        #expect(articles.text.hasPrefix("id,title,excerpt,language,"))
        #expect(articles.text.contains("\"")) // the body has quotes and commas: quoted per RFC 4180
    }

    @Test(arguments: TestMode.allCases)
    func paginationWalk_IsStable_UnderConcurrentInserts(mode: TestMode) throws {
        let api = try APITester(mode)
        let before = Set(try allIDs(api, "/v1/statements?limit=100"))
        var seen: [String] = []
        var target = "/v1/statements?limit=3"
        var inserted = 0
        for _ in 0..<50 {
            let page = try api.request("GET", target)
            #expect(page.status == 200)
            seen += ids(page)
            // Someone else writes while we page.
            let statement: JSONValue = [
                "participant": "staffan-de-mistura", "text": .string("Inserted while paging \(inserted)"),
                "language": "en",
                "said_on": .string(inserted % 2 == 0 ? "2017-01-23" : "2030-01-01"),
            ]
            #expect(try api.request("POST", "/v1/statements", json: statement, auth: true).status == 201)
            inserted += 1
            guard case .string(let cursor)? = page["next_cursor"] else { break }
            target = "/v1/statements?limit=3&cursor=\(percent(cursor))"
        }
        #expect(Set(seen).count == seen.count, "an item was repeated")
        #expect(before.isSubset(of: Set(seen)), "an item that existed when paging began was skipped")
    }

    @Test(arguments: TestMode.allCases)
    func subResourceLists_AndTimeline(mode: TestMode) throws {
        let api = try APITester(mode)
        let statements = try api.request("GET", "/v1/participants/staffan-de-mistura/statements?limit=100")
        #expect(statements.status == 200)
        #expect(!ids(statements).isEmpty)
        for path in ["/v1/participants/staffan-de-mistura/articles", "/v1/talks/astana-talks-2017-01/statements",
                     "/v1/talks/astana-talks-2017-01/articles"] {
            let response = try api.request("GET", path)
            #expect(response.status == 200, "\(path)")
            #expect(!ids(response).isEmpty, "\(path)")
        }
        #expect(try api.request("GET", "/v1/participants/nobody/statements").status == 404)
        #expect(try api.request("GET", "/v1/talks/astana-talks-2017-01/articles?colour=1").status == 400)

        let timeline = try api.request("GET", "/v1/talks/astana-talks-2017-01/timeline")
        #expect(timeline.status == 200)
        #expect(timeline.header("ETag") != nil)
        guard case .array(let entries)? = timeline["items"] else {
            Issue.record("no items: \(timeline.text)")
            return
        }
        #expect(entries.contains { $0.objectValue?["kind"] == "articles" })
        #expect(entries.contains { $0.objectValue?["kind"] == "statements" })
        #expect(entries.allSatisfy { $0.objectValue?.keys == ["kind", "id", "at", "resource"] })
        #expect(try api.request("GET", "/v1/talks/nowhere/timeline").status == 404)
    }

    @Test(arguments: TestMode.allCases)
    func volumeAndSearch(mode: TestMode) throws {
        let api = try APITester(mode)
        let volume = try api.request("GET", "/v1/volume?kind=statements&interval=day&statement_kind=direct,reported")
        #expect(volume.status == 200)
        guard case .array(let buckets)? = volume["items"] else {
            Issue.record("no items: \(volume.text)")
            return
        }
        #expect(buckets.contains { $0.objectValue?["period"] == "2017-01-23" })
        #expect(try api.request("GET", "/v1/volume").status == 200)
        #expect(try api.request("GET", "/v1/volume?kind=articles&interval=week&q=\(percent("أستانة"))").status == 200)

        let search = try api.request("GET", "/v1/search?q=\(percent("أستانة"))&limit=5")
        #expect(search.status == 200)
        guard case .array(let hits)? = search["items"] else {
            Issue.record("no items: \(search.text)")
            return
        }
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { $0.objectValue?.keys == ["kind", "id", "score", "snippet"] })
        let onlyTalks = try api.request("GET", "/v1/search?q=astana&kind=talks")
        if case .array(let talksHits)? = onlyTalks["items"] {
            #expect(talksHits.allSatisfy { $0.objectValue?["kind"] == "talks" })
        }
    }

    private func allIDs(_ api: APITester, _ first: String) throws -> [String] {
        var result: [String] = []
        var target = first
        for _ in 0..<100 {
            let page = try api.request("GET", target)
            result += ids(page)
            guard case .string(let cursor)? = page["next_cursor"] else { break }
            target = first + "&cursor=\(percent(cursor))"
        }
        return result
    }
}

/// `text` percent-encoded for a query value.
func percent(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
}
