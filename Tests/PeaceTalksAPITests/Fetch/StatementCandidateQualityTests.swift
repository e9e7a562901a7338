import Foundation
import PeaceTalksModel
import TestSupport
import Testing

/// Statement candidates on the seed page against the curated seed statements (seeds/statements.json): a
/// candidate matches a statement with the same speaker whose text it overlaps with a word-level F1 ≥ 0.5.
/// Benchmarks/extraction/run.sh reports the printed figures.
@Suite(.timeLimit(.minutes(1)))
struct StatementCandidateQualityTests {
    private struct Proposal {
        var participant: String
        var text: String
        var kind: String
    }

    private static func proposals(_ value: JSONValue?) -> [Proposal] {
        guard case .array(let items) = value else { return [] }
        return items.compactMap { item in
            guard let object = item.objectValue, case .string(let participant) = object["participant"],
                case .string(let text) = object["text"], case .string(let kind) = object["kind"]
            else { return nil }
            return Proposal(participant: participant, text: text, kind: kind)
        }
    }

    /// Word-level F1 of two texts (words split at whitespace and punctuation).
    private static func overlap(_ first: String, _ second: String) -> Double {
        let words = { (text: String) in
            text.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        }
        var remaining = Dictionary(words(second).map { ($0, 1) }, uniquingKeysWith: +)
        let candidate = words(first)
        var common = 0
        for word in candidate where remaining[word, default: 0] > 0 {
            remaining[word]! -= 1
            common += 1
        }
        guard common > 0 else { return 0 }
        let precision = Double(common) / Double(candidate.count)
        let recall = Double(common) / Double(words(second).count)
        return 2 * precision * recall / (precision + recall)
    }

    @Test func englishPage_QuotesAndReportedSpeech() throws {
        let fixtures = try FetchFixtureServer()
        let api = try FetchAPITester()
        let response = try api.fetch(fixtures.url("/en/astana"))
        try #require(response.status == 201)
        let candidates = Self.proposals(response.object["statement_candidates"])
        let expected: [(String, String, String)] = [
            ("kairat-abdrakhmanov", "reported", "his country wanted to be an impartial mediator"),
            (
                "kairat-abdrakhmanov", "direct",
                "We hope these talks will bring the light at the end of the tunnel closer for Syria"
            ),
            (
                "staffan-de-mistura", "direct",
                "There can be no lasting military solution to this conflict, only a political process"
            ),
            ("sergey-lavrov", "reported", "Russia was not trying to sideline the political opposition"),
            ("roman-vassilenko", "reported", "it was difficult to say how long the discussions would last"),
        ]
        for (participant, kind, text) in expected {
            let found = candidates.contains { $0.participant == participant && $0.kind == kind && $0.text == text }
            #expect(found, "\(text)")
        }
        #expect(!candidates.contains { $0.participant == "kazakhstan" || $0.participant == "united-nations" })
    }

    @Test func seedPage_CandidatesAgainstCuratedStatements() throws {
        let fixtures = try FetchFixtureServer()
        let api = try FetchAPITester()
        let response = try api.fetch(fixtures.url("/ar/astana"))
        try #require(response.status == 201)
        let candidates = Self.proposals(response.object["statement_candidates"])
        let file = APITester.seedsDirectory.appendingPathComponent("statements.json")
        let curated = Self.proposals(try JSONParser.parse(Array(try Data(contentsOf: file))))
        try #require(curated.count == 20)
        let matches = { (candidate: Proposal, statement: Proposal) in
            candidate.participant == statement.participant && Self.overlap(candidate.text, statement.text) >= 0.5
        }
        let correct = candidates.filter { candidate in curated.contains { matches(candidate, $0) } }
        let found = curated.filter { statement in candidates.contains { matches($0, statement) } }
        let kindAgrees = correct.filter { candidate in
            curated.contains { matches(candidate, $0) && $0.kind == candidate.kind }
        }
        let precision = candidates.isEmpty ? 0 : Double(correct.count) / Double(candidates.count)
        let recall = Double(found.count) / Double(curated.count)
        print(
            "statement-candidates: candidates=\(candidates.count) curated=\(curated.count) correct=\(correct.count)"
                + " found=\(found.count) precision=\(String(format: "%.2f", precision))"
                + " recall=\(String(format: "%.2f", recall)) kind-agrees=\(kindAgrees.count)/\(correct.count)")
        for candidate in candidates where !correct.contains(where: { $0.text == candidate.text }) {
            print("statement-candidates: unmatched \(candidate.participant) [\(candidate.kind)] \(candidate.text)")
        }
        #expect(precision >= 0.9)
        #expect(recall >= 0.6)
    }
}
