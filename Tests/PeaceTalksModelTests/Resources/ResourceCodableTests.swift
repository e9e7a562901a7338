import Foundation
import Testing

@testable import PeaceTalksModel

@Suite struct ResourceCodableTests {
    @Test func resourcesRoundTripThroughFoundationCoders() throws {
        let statement = Statement(
            id: "s1", participant: "lavrov", text: "وقف إطلاق النار", language: "ar", kind: .direct,
            saidOn: CalendarDate("2017-01-23"), topics: ["ceasefire"],
            translation: LocalizedText([("en", "Ceasefire")]), createdAt: Date(timeIntervalSince1970: 1),
            updatedAt: Date(timeIntervalSince1970: 2))
        let data = try JSONEncoder().encode(statement)
        #expect(try JSONDecoder().decode(Statement.self, from: data) == statement)
    }

    @Test func decodingAnInvalidResource_ThrowsEveryFieldError() throws {
        let data = Data(#"{"id":"x","kind":"alien","name":{}}"#.utf8)
        #expect(throws: ValidationFailure.self) { try JSONDecoder().decode(Participant.self, from: data) }
    }
}
