import PeaceTalksModel
import Testing

@testable import PeaceTalksStore

@Suite struct SearchIndexTests {
    private func fields(_ title: String, _ body: String) -> [SearchField] {
        [SearchField(text: title, field: 1), SearchField(text: body, field: 0)]
    }

    private func ids(_ index: SearchIndex, _ q: String) -> [String] {
        let parsed = ParsedSearch(q)
        let ranked = index.ranked(
            index.resolve(parsed), statistics: index.statistics(for: parsed.positiveTerms), allowed: nil,
            limit: 100, isAfter: nil)
        return ranked.hits.map { index.id(of: $0.document).rawValue }
    }

    @Test func titleMatches_OutrankBodyMatches_AndRareTermsOutrankCommonOnes() {
        var index = SearchIndex(kind: .articles)
        index.add("body-only", fields: fields("Geneva", "talks in astana resumed"))
        index.add("in-title", fields: fields("Astana", "talks resumed"))
        index.add("other", fields: fields("Geneva", "talks resumed"))
        #expect(ids(index, "astana") == ["in-title", "body-only"])
        #expect(ids(index, "talks") == ["in-title", "other", "body-only"], "shorter bodies first, then by id")
    }

    @Test func serialized_ReadsBackTheSameIndex_AndDamageIsRefused() throws {
        var index = SearchIndex(kind: .articles)
        let body = "talks in astana, جولة أستانا"
        for number in 0..<50 { index.add(ResourceID("d\(number)")!, fields: fields("round \(number)", body)) }
        for number in 0..<10 { index.remove(ResourceID("d\(number)")!, fields: fields("round \(number)", body)) }
        let bytes = index.serialized()
        var restored = try #require(bytes.withUnsafeBytes { SearchIndex(kind: .articles, serialized: $0) })
        for q in ["astana", "round 12", "\"talks in\"", "أستانا", "جولة -round"] {
            #expect(ids(restored, q) == ids(index, q))
        }
        #expect(restored.statistics(for: ["astana"]) == index.statistics(for: ["astana"]))
        #expect(restored.liveCount == 40)
        restored.add("new", fields: fields("Geneva", "astana"))
        #expect(ids(restored, "geneva") == ["new"])
        #expect(bytes.dropLast().withUnsafeBytes { SearchIndex(kind: .articles, serialized: $0) } == nil)
        #expect(bytes.withUnsafeBytes { SearchIndex(kind: .statements, serialized: $0) } == nil, "other fields")
    }

    /// Common terms' postings run over many chunks: phrases, compaction and a round trip through bytes still hold.
    @Test func longPostingLists_KeepPhrasesThroughCompactionAndSerialization() throws {
        var index = SearchIndex(kind: .articles)
        let body = "delegations met in astana to discuss the ceasefire"
        for number in 0..<1_500 { index.add(ResourceID("d\(number)")!, fields: fields("round \(number)", body)) }
        for number in 0..<1_100 { index.remove(ResourceID("d\(number)")!, fields: fields("round \(number)", body)) }
        #expect(index.documents.count < 1_500, "dead documents were compacted away")
        #expect(index.statistics(for: ["astana"]).documentFrequency == ["astana": 400])
        let phrase = ids(index, #""met in astana""#)
        #expect(phrase.count == 100 && phrase.allSatisfy { Int($0.dropFirst())! >= 1_100 }, "the first page")
        #expect(ids(index, #""astana met""#).isEmpty)
        #expect(ids(index, #""round 1234""#) == ["d1234"])
        let restored = try #require(index.serialized().withUnsafeBytes { SearchIndex(kind: .articles, serialized: $0) })
        for q in [#""met in astana""#, #""round 1234""#, "ceasefire -d1200"] { #expect(ids(restored, q) == ids(index, q)) }
    }

    @Test func phrases_DoNotSpanFieldsOrTexts() {
        var index = SearchIndex(kind: .participants)
        index.add("a", fields: [SearchField(text: "Staffan", field: 0), SearchField(text: "de Mistura", field: 0)])
        index.add("b", fields: [SearchField(text: "Staffan de Mistura", field: 0)])
        #expect(ids(index, #""staffan de""#) == ["b"])
        #expect(ids(index, #""de mistura""#).sorted() == ["a", "b"])
    }

    @Test func updates_KeepDocumentFrequenciesExact_AndCompactionKeepsResults() {
        var index = SearchIndex(kind: .articles)
        for number in 0..<20 { index.add(ResourceID("d\(number)")!, fields: fields("round \(number)", "astana")) }
        for round in 0..<120 {
            for number in 0..<20 {
                let id = ResourceID("d\(number)")!
                let body = round % 2 == 0 ? "geneva" : "astana"
                index.remove(id, fields: fields("round \(number)", round % 2 == 0 ? "astana" : "geneva"))
                index.add(id, fields: fields("round \(number)", body))
            }
        }
        #expect(index.documents.count < 20 * 121, "dead documents were compacted away")
        #expect(index.liveCount == 20)
        #expect(index.statistics(for: ["astana", "geneva"]).documentFrequency == ["astana": 20, "geneva": 0])
        #expect(ids(index, "astana round").count == 20)
        #expect(ids(index, #""round 7""#) == ["d7"])
        #expect(ids(index, "round -astana").isEmpty)
    }
}
