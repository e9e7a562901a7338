import Foundation
import PeaceTalksModel
import Testing

@testable import PeaceTalksStore

@Suite struct StoreGenerationTests {
    @Test func everyWrite_BumpsTheGeneration_ReadsAndFailuresDoNot() throws {
        let store = InMemoryStore()
        var last = try #require(store.generation)
        func bumped() throws -> Bool {
            let now = try #require(store.generation)
            defer { last = now }
            return now > last
        }
        _ = try store.create(Make.participant("russia", "Russia", kind: .state))
        #expect(try bumped())
        _ = try store.replace(Make.participant("russia", "Russian Federation", kind: .state), ifMatch: nil)
        #expect(try bumped())
        _ = try store.update(.participants, id: "russia", ifMatch: nil) { $0 }
        #expect(try bumped())
        _ = store.get(.participants, id: "russia")
        _ = try store.list(ListQuery(kind: .participants))
        #expect(try !bumped())
        #expect(throws: StoreError.self) { try store.create(Make.participant("russia", "Russia", kind: .state)) }
        #expect(try !bumped())
        try store.delete(.participants, id: "russia", ifMatch: nil)
        #expect(try bumped())
    }
}
