import Foundation
import PeaceTalksAPI
import PeaceTalksModel
import PeaceTalksStore
import TestSupport
import Testing

@Suite struct SeedLoaderTests {
    @Test func seeds_LoadCompletely() throws {
        let store = InMemoryStore()
        let count = try loadSeeds(from: APITester.seedsDirectory, into: store)
        let total = ResourceKind.allCases.reduce(0) { $0 + store.count($1) }
        #expect(count == total)
        #expect(store.count(.articles) == 1)
        #expect(store.count(.talks) == 2)
        #expect(store.get(.participants, id: "staffan-de-mistura") != nil)
    }

    /// Copies the seeds to a temporary `seeds` directory, lets `change` edit one file, and loads it.
    private func loadEdited(_ file: String, _ change: (inout String) -> Void) throws -> String? {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let seeds = URL(fileURLWithPath: directory.appending("seeds"))
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        for name in ["participants.json", "talks.json", "articles.json", "statements.json"] {
            var text = try String(contentsOf: APITester.seedsDirectory.appendingPathComponent(name), encoding: .utf8)
            if name == file { change(&text) }
            try text.write(to: seeds.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        do {
            try loadSeeds(from: seeds, into: InMemoryStore())
            return nil
        } catch {
            return error.description
        }
    }

    @Test func malformedSeedFile_FailsWithOneLineNamingFileAndProblem() throws {
        let reference = try #require(try loadEdited("statements.json") {
            $0 = $0.replacingOccurrences(of: "\"participant\": \"roman-vassilenko\"",
                                         with: "\"participant\": \"nobody-known\"")
        })
        #expect(reference.hasPrefix("seeds/statements.json: item "))
        #expect(reference.contains("(id \"vassilenko-talks-duration\")"))
        #expect(reference.contains("participant"))
        #expect(!reference.contains("\n"))

        let syntax = try #require(try loadEdited("talks.json") { $0 = "[{" + $0 })
        #expect(syntax.hasPrefix("seeds/talks.json: not valid JSON: "))
        #expect(!syntax.contains("\n"))

        let shape = try #require(try loadEdited("articles.json") { $0 = "{}" })
        #expect(shape == "seeds/articles.json: must be a JSON array of articles, not an object")

        let invalid = try #require(try loadEdited("participants.json") {
            $0 = $0.replacingOccurrences(of: "\"kind\": \"organization\"", with: "\"kind\": \"club\"")
        })
        #expect(invalid.hasPrefix("seeds/participants.json: item 1 (id \"united-nations\"): kind: "))
    }
}
