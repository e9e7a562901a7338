import Foundation
import PeaceTalksModel
import PeaceTalksStore
import TestSupport
import Testing

/// `POST /v1/articles/fetch` end to end: the API on a real socket fetching from a fixture server on 127.0.0.1.
@Suite(.timeLimit(.minutes(1)))
struct FetchEndpointTests {
    private static func string(_ value: JSONValue?) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        guard case .array(let values) = value else { return [] }
        return values.compactMap(string)
    }

    @Test func arabicPage_IsStored_ThenFoundAgainByURLAndByText() throws {
        let fixtures = try FetchFixtureServer()
        let api = try FetchAPITester()
        let first = try api.fetch(fixtures.url("/ar/astana"), talks: ["astana-talks-2017-01"])
        #expect(first.status == 201)
        let article = try #require(first.object["article"]?.objectValue)
        let id = try #require(Self.string(article["id"]))
        #expect(first.header("Location") == "/v1/articles/\(id)")
        #expect(first.header("ETag") != nil)
        #expect(Self.string(first.object["encoding"]) == "windows-1256")
        #expect(Self.string(article["body"]) == String(
            decoding: try FetchFixtureServer.fixture("elmaouid-astana.expected.txt"), as: UTF8.self))
        let canonical = "https://www.elmaouid.com/international/astana-talks-syria-road-to-safety/"
        #expect(Self.string(article["url"]) == canonical)
        #expect(Self.string(article["source"]) == "elmaouid.com")
        #expect(Self.string(article["section"]) == "دولي")
        #expect(Self.string(article["language"]) == "ar")
        #expect(Self.string(article["published_at"]) == "2017-01-24T08:00:00Z")
        #expect(Self.string(article["fetched_at"]) != nil)
        #expect(Self.strings(article["talks"]) == ["astana-talks-2017-01"])
        let participants = Set(Self.strings(article["participants"]))
        for expected in ["staffan-de-mistura", "sergey-lavrov", "roman-vassilenko", "kairat-abdrakhmanov",
                         "antonio-guterres", "russia", "turkey", "iran", "kazakhstan", "united-nations"] {
            #expect(participants.contains(expected), "\(expected)")
        }
        #expect(!participants.contains("nursultan-nazarbayev"))  // not named in the text
        // The same URL again, and the same text under another URL: the stored article, nothing new.
        let again = try api.fetch(fixtures.url("/ar/astana"))
        #expect(again.status == 200)
        #expect(Self.string(again.object["article"]?.objectValue?["id"]) == id)
        #expect(again.header("Location") == nil)
        #expect(api.store.count(.articles) == 1)
    }

    @Test func sameTextAsASeedArticle_AnswersTheSeedArticle() throws {
        let fixtures = try FetchFixtureServer()
        let api = try FetchAPITester(withSeedArticle: true)
        let response = try api.fetch(fixtures.url("/ar/astana"))
        #expect(response.status == 200)
        #expect(Self.string(response.object["article"]?.objectValue?["id"]) == "astana-talks-2017-elmaouid")
        #expect(api.store.count(.articles) == 1)
    }

    @Test func englishPage_PlainAndGzip_AndAFollowedRedirect() throws {
        let fixtures = try FetchFixtureServer()
        let api = try FetchAPITester()
        let plain = try api.fetch(fixtures.url("/en/astana"))
        #expect(plain.status == 201)
        let article = try #require(plain.object["article"]?.objectValue)
        #expect(Self.string(plain.object["encoding"]) == "utf-8")
        let title = "Syria talks open in Astana with Russia, Turkey and Iran as guarantors"
        #expect(Self.string(article["title"]) == title)
        #expect(Self.string(article["author"]) == "Dana Whitfield")
        #expect(Self.string(article["url"]) == fixtures.url("/world/2017/01/23/syria-talks-open-in-astana"))
        #expect(Self.string(article["source"]) == "127.0.0.1")
        #expect(Self.string(article["language"]) == "en-GB")
        #expect(Self.string(article["body"]) == String(
            decoding: try FetchFixtureServer.fixture("caspian-ledger-astana.expected.txt"), as: UTF8.self))
        // Gzip-encoded and redirected copies of the same page are the same article.
        for path in ["/en/astana-gzip", "/redirect-local"] {
            let response = try api.fetch(fixtures.url(path))
            #expect(response.status == 200, "\(path)")
            #expect(Self.string(response.object["article"]?.objectValue?["id"]) == Self.string(article["id"]))
        }
        #expect(api.store.count(.articles) == 1)
    }

    @Test func wrongDeclaredCharset_IsStoredAsWindows1256() throws {
        let fixtures = try FetchFixtureServer()
        let api = try FetchAPITester()
        let response = try api.fetch(fixtures.url("/wrong-charset"))
        #expect(response.status == 201)
        #expect(Self.string(response.object["encoding"]) == "windows-1256")
        #expect(Self.string(response.object["article"]?.objectValue?["body"]) == String(
            decoding: try FetchFixtureServer.fixture("wrong-charset.expected.txt"), as: UTF8.self))
    }

    @Test func failures_MapToTheirStatus_AndStoreNothing() throws {
        let fixtures = try FetchFixtureServer()
        let api = try FetchAPITester(totalTimeout: .milliseconds(600))
        let cases: [(String, Int)] = [
            ("/missing", 502), ("/data.json", 422), ("/slow", 504), ("/huge", 502),
        ]
        for (path, status) in cases {
            let response = try api.fetch(fixtures.url(path))
            #expect(response.status == status, "\(path): \(response.text)")
            #expect(response.header("Content-Type") == "application/problem+json", "\(path)")
        }
        let refused = try api.fetch("http://127.0.0.2:\(fixtures.port)/en/astana")  // loopback, not allow-listed
        #expect(refused.status == 422)
        let fields = refused.object["errors"]?.arrayElements?.compactMap { Self.string($0.objectValue?["field"]) }
        #expect(fields == ["url"])
        #expect(api.store.count(.articles) == 0)
    }

    @Test func invalidRequests_Are422WithFieldErrors() throws {
        let api = try FetchAPITester()
        let cases: [(String, [String])] = [
            (#"{"url": "ftp://example.test/a"}"#, ["url"]),
            (#"{"url": "not a url"}"#, ["url"]),
            (#"{}"#, ["url"]),
            (#"{"url": "http://127.0.0.1/", "talks": ["no-such-round"], "x": 1}"#, ["x", "talks[0]"]),
        ]
        for (body, fields) in cases {
            let response = try api.post(Array(body.utf8))
            #expect(response.status == 422, "\(body)")
            let errors = response.object["errors"]?.arrayElements ?? []
            let names = errors.compactMap { Self.string($0.objectValue?["field"]) }
            #expect(Set(names) == Set(fields), "\(body): \(names)")
        }
    }
}

extension JSONValue {
    /// The elements of an array value.
    var arrayElements: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }
}
