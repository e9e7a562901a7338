import Foundation
import PeaceTalksModel
import Testing

@testable import PeaceTalksStore

/// Relevance on the seed data (seeds/*.json, decoded by the model's validating decoders, loaded in the README's
/// order into an `InMemoryStore`).
@Suite struct SeedSearchTests {
    private let store: InMemoryStore

    init() throws {
        store = InMemoryStore()
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../seeds")
        for kind in [ResourceKind.participants, .talks, .articles, .statements] {
            let bytes = try Data(contentsOf: seeds.appendingPathComponent("\(kind.rawValue).json"))
            guard case .array(let values) = try JSONParser.parse(Array(bytes)) else {
                Issue.record("\(kind.rawValue).json is not an array")
                return
            }
            for value in values { _ = try store.create(Resource.decode(kind, from: value).get()) }
        }
    }

    private func ids(_ kind: ResourceKind, _ q: String) throws -> [String] {
        try store.list(ListQuery(kind: kind, q: q, limit: 100)).ids
    }

    @Test func deMistura_IsFound_InArabic() throws {
        #expect(try ids(.participants, "دي ميستورا") == ["staffan-de-mistura"])
        #expect(try ids(.participants, "دى ميستورا") == ["staffan-de-mistura"])
        #expect(try ids(.participants, "ميستورا") == ["staffan-de-mistura"])
        let statements = try ids(.statements, "دي ميستورا")
        #expect(
            Set(statements) == [
                "de-mistura-direct-negotiations", "de-mistura-political-process", "de-mistura-abandon-military-goal",
            ])
    }

    @Test func alJaafari_IsFound_WithYaInsteadOfAlefMaqsura() throws {
        #expect(try ids(.participants, "الجعفري") == ["bashar-al-jaafari"])
        #expect(try ids(.participants, "Ja'afari") == ["bashar-al-jaafari"])
        #expect(try ids(.participants, "al-Jaafari") == ["bashar-al-jaafari"])
        #expect(try ids(.articles, "الجعفري") == ["astana-talks-2017-elmaouid"])
    }

    @Test func ceasefire_FindsTheStatementsAboutIt() throws {
        let found = try ids(.statements, "وقف إطلاق النار")
        let quoting = Set(["opposition-delegation-ceasefire-only", "guterres-ceasefire-optimism"])
        #expect(Set(found.prefix(2)) == quoting, "the statements saying it rank above one whose context does")
        #expect(Set(found) == quoting.union(["guterres-no-miracles"]))
        #expect(Set(try ids(.statements, "ceasefire")) == quoting, "through the English translations")
        #expect(try ids(.statements, "وَقْفُ إِطْلاقِ النّار") == found, "with tashkeel")
    }

    @Test func lavrov_FindsTheArabicStatements_ThroughTheirTranslations() throws {
        let found = try store.list(ListQuery(kind: .statements, q: "Lavrov expects"))
        #expect(found.ids == ["lavrov-astana-important-step"])
        let snippet = try #require(found.items.first?.snippet)
        #expect(snippet.contains("<mark>expects</mark>"))
        #expect(
            Set(try ids(.statements, "Lavrov")) == [
                "lavrov-astana-important-step", "lavrov-government-opposition-meeting", "lavrov-armed-groups-focus",
            ])
        #expect(try ids(.participants, "لافروف") == ["sergey-lavrov"])
    }

    @Test func phrase_MatchesWordsInSequenceOnly() throws {
        #expect(try ids(.statements, #""political opposition""#) == ["lavrov-armed-groups-focus"])
        #expect(try ids(.statements, #""opposition political""#) == [])
        #expect(Set(try ids(.statements, #""وقف إطلاق النار""#)).count == 3)
        #expect(try ids(.statements, #""إطلاق وقف""#) == [])
    }

    @Test func exclusion_RemovesMatches_AndAloneIsInvalid() throws {
        let all = Set(try ids(.statements, "ceasefire"))
        #expect(Set(try ids(.statements, "ceasefire -Guterres")) == all.subtracting(["guterres-ceasefire-optimism"]))
        #expect(try ids(.statements, #"ceasefire -"fragile ceasefire""#) == ["guterres-ceasefire-optimism"])
        #expect(throws: StoreError.self) { try store.list(ListQuery(kind: .statements, q: "-ceasefire")) }
        #expect(throws: StoreError.self) { try store.search(SearchQuery(q: "-ceasefire")) }
    }

    @Test func titleMatches_RankAboveBodyMatches() throws {
        let page = try store.search(SearchQuery(q: "أستانة", kinds: [.talks]))
        #expect(page.ids.first == "astana-talks-2017-01")
        let hits = try store.search(SearchQuery(q: "Astana", limit: 100))
        #expect(hits.total == hits.items.count)
        #expect(hits.items.allSatisfy { ($0.score ?? 0) > 0 && $0.snippet?.contains("<mark>") == true })
        let scores = hits.items.compactMap(\.score)
        #expect(scores == scores.sorted(by: >))
    }

    @Test func search_PagesInRelevanceOrder_WithoutGapsOrRepeats() throws {
        let whole = try store.search(SearchQuery(q: "سوريا", limit: 100))
        #expect(whole.total > 5)
        var query = SearchQuery(q: "سوريا", limit: 3)
        var paged: [String] = []
        while true {
            let page = try store.search(query)
            paged += page.items.map { "\($0.stored.key)" }
            #expect(page.total == whole.total)
            guard let next = page.nextCursor else { break }
            query.cursor = next
        }
        #expect(paged == whole.items.map { "\($0.stored.key)" })
        #expect(try store.walk(ListQuery(kind: .statements, q: "سوريا"), limit: 2) == (try ids(.statements, "سوريا")))
    }

    @Test func renamingASpeaker_ReindexesTheirStatements() throws {
        #expect(try ids(.statements, "Lavrov").count == 3)
        _ = try store.update(.participants, id: "sergey-lavrov", ifMatch: nil) { resource in
            guard case .participant(var participant) = resource else { return resource }
            participant.aliases = ["Sergej Lawrow"]
            participant.name = LocalizedText([("en", "Sergej Lawrow")])!
            return .participant(participant)
        }
        #expect(try ids(.statements, "Lawrow").count == 3)
        #expect(try ids(.statements, "Lavrov") == [], "the old names and aliases are gone")
        #expect(try ids(.statements, "سيرجى").count == 3, "still in the Arabic context")
    }

    @Test func qIsCombinedWithFilters() throws {
        let filtered = try store.list(
            ListQuery(kind: .statements, filters: ["participant": ["kairat-abdrakhmanov"]], q: "كازاخستان"))
        #expect(!filtered.ids.isEmpty && filtered.ids.allSatisfy { $0.hasPrefix("abdrakhmanov-") })
        #expect(filtered.total == filtered.ids.count)
    }
}
