import Foundation
import PeaceTalksModel
import PeaceTalksPersistence
import PeaceTalksStore
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1)))
struct NDJSONTests {
    private func export(_ store: InMemoryStore) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try NDJSONExport.export(store) { bytes += $0 }
        return bytes
    }

    @Test func exportImportExport_IsByteIdentical_WithTheSameETags() throws {
        let source = try TemporaryDirectory()
        let target = try TemporaryDirectory()
        defer {
            source.remove()
            target.remove()
        }
        let clock = TestClock()
        let original = try openDurable(source.path, clock: clock)
        try writeHistory(original.store, clock: clock, rounds: 1...3)
        // An affiliation to a participant whose id sorts later: export must put the target first.
        _ = try original.store.create(
            .participant(Participant(id: "z-state", kind: .state, name: LocalizedText([("en", "Z")])!)))
        _ = try original.store.create(
            .participant(Participant(id: "a-envoy", kind: .person, name: LocalizedText([("en", "E")])!,
                                     affiliation: "z-state")))
        let exported = try export(original.store)
        let lines = String(decoding: exported, as: UTF8.self).split(separator: "\n")
        let zState = try #require(lines.firstIndex { $0.contains(#""id":"z-state""#) })
        #expect(zState < lines.firstIndex { $0.contains(#""id":"a-envoy""#) }!)

        var durable: DurableStore? = try openDurable(target.path)
        let resources = try NDJSONImport.validate(exported, against: durable!.store)
        try NDJSONImport.apply(resources, to: durable!)
        #expect(try export(durable!.store) == exported)
        try durable!.close()
        durable = nil
        let reopened = try openDurable(target.path)
        #expect(try export(reopened.store) == exported)
        let etags = try fingerprint(original.store).resources.map { $0.split(separator: " ")[1] }
        let importedETags = try fingerprint(reopened.store).resources.map { $0.split(separator: " ")[1] }
        #expect(etags == importedETags)
    }

    @Test func import_ReportsEveryBadLine_AndAddsNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let durable = try openDurable(directory.path)
        _ = try durable.store.create(
            .participant(Participant(id: "existing", kind: .person, name: LocalizedText([("en", "E")])!)))
        let times = #""created_at":"2017-01-01T00:00:00Z","updated_at":"2017-01-01T00:00:00Z""#
        let lines = [
            #"{"kind":"participants","resource":{"id":"fine","kind":"person","name":{"en":"F"},\#(times)}}"#,
            #"{"kind":"participants","resource":{"id":"existing","kind":"person","name":{"en":"E"},\#(times)}}"#,
            "{not json",
            #"{"kind":"people","resource":{}}"#,
            #"{"kind":"participants","resource":{"id":"fine","kind":"person","name":{"en":"F"},\#(times)}}"#,
            #"{"kind":"statements","resource":{"id":"s1","participant":"ghost","text":"t","language":"en",\#(times)}}"#,
        ]
        let bytes = Array(lines.joined(separator: "\n").utf8)
        let failure = try #require(throws: ImportFailure.self) {
            _ = try NDJSONImport.validate(bytes, against: durable.store)
        }
        #expect(failure.problems.map(\.line) == [2, 3, 4, 5, 6])
        #expect(failure.problems[0].message.contains("already exists"))
        #expect(failure.problems[3].message.contains("line 1"))
        #expect(failure.problems[4].message.contains("participants/ghost"))
        #expect(durable.store.get(.participants, id: "fine") == nil)
    }
}
