import Foundation
import Testing

@testable import PeaceTalksModel

@Suite struct ResourceDecodingTests {
    private func json(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func decodesAParticipant_AndEncodesInContractOrder() throws {
        let value = try json(
            #"{"kind":"person","name":{"en":"Staffan de Mistura","ar":"دي ميستورا"},"#
                + #""aliases":["دى ميستورا"],"side":"mediator","created_at":"2000-01-01T00:00:00Z"}"#)
        let participant = try Participant.decode(from: value).get()
        #expect(participant.id.isUnassigned)
        #expect(participant.name.english == "Staffan de Mistura")
        #expect(participant.createdAt == Date(timeIntervalSince1970: 0), "server-set fields are ignored on input")
        var stored = participant
        stored.id = "staffan-de-mistura"
        #expect(
            String(decoding: stored.jsonValue.encoded(), as: UTF8.self)
                == #"{"id":"staffan-de-mistura","kind":"person","#
                + #""name":{"en":"Staffan de Mistura","ar":"دي ميستورا"},"aliases":["دى ميستورا"],"#
                + #""role":null,"affiliation":null,"side":"mediator","#
                + #""created_at":"1970-01-01T00:00:00Z","updated_at":"1970-01-01T00:00:00Z"}"#)
    }

    @Test func reportsEveryBrokenRuleAtOnce() throws {
        let value = try json(
            #"{"id":"Bad Id","kind":"wizard","name":{},"aliases":["ok", 3, ""],"role":"x","side":null,"#
                + #""affiliation":"-x","colour":"red"}"#)
        let errors = try #require(Participant.decode(from: value).failureErrors)
        #expect(
            errors.map(\.field) == ["id", "kind", "name", "aliases[1]", "aliases[2]", "role", "affiliation", "colour"])
    }

    @Test func talks_ChecksCountryAndDateOrder() throws {
        let value = try json(
            #"{"name":{"en":"Astana"},"location":{"city":"Astana","country":"kz","x":1},"#
                + #""start_date":"2017-01-24","end_date":"2017-01-23","participants":["a","a","B"]}"#)
        let errors = try #require(Talks.decode(from: value).failureErrors)
        #expect(
            errors.map(\.field) == [
                "location.country", "location.x", "end_date", "participants[1]", "participants[2]",
            ])
    }

    @Test func article_RequiresFields_AndChecksURLLanguageAndTime() throws {
        let errors = try #require(
            Article.decode(from: try json(#"{"url":"ftp://x","language":"english-GB","published_at":"2017-01-23"}"#))
                .failureErrors)
        #expect(errors.map(\.field) == ["title", "body", "language", "url", "published_at"])
    }

    @Test func statement_DefaultsKindToReported_AndNormalisesToNFC() throws {
        let decomposed = "e\u{301}"  // é as e + combining acute
        let value: JSONValue = [
            "participant": "staffan-de-mistura", "text": .string(decomposed), "language": "fr",
            "topics": ["ceasefire"],
        ]
        let statement = try Statement.decode(from: value).get()
        #expect(statement.kind == .reported)
        #expect(statement.text.unicodeScalars.count == 1)
    }

    @Test func enforcesLengthLimits() throws {
        let long = String(repeating: "ا", count: FieldLimits.topic + 1)
        let value: JSONValue = [
            "participant": "p", "text": "x", "language": "ar", "topics": .array([.string(long)]),
        ]
        #expect(try #require(Statement.decode(from: value).failureErrors).map(\.field) == ["topics[0]"])
        let tooMany = JSONValue.array(Array(repeating: "t", count: FieldLimits.topicCount + 1))
        let many: JSONValue = ["participant": "p", "text": "x", "language": "ar", "topics": tooMany]
        #expect(try #require(Statement.decode(from: many).failureErrors).map(\.field) == ["topics"])
    }

    @Test func idInBodyMustMatchTheURL() throws {
        let value: JSONValue = ["id": "a", "kind": "state", "name": ["en": "A"]]
        #expect(try Participant.decode(from: value, id: "a").get().id == "a")
        #expect(try #require(Participant.decode(from: value, id: "b").failureErrors).map(\.field) == ["id"])
        let selfAffiliated: JSONValue = ["kind": "state", "name": ["en": "A"], "affiliation": "a"]
        #expect(
            try #require(Participant.decode(from: selfAffiliated, id: "a").failureErrors).map(\.field)
                == ["affiliation"])
    }

    @Test func storedMode_RoundTripsServerFields() throws {
        let article = Article(
            id: "a1", title: "T", body: "B", language: "ar", publishedAt: Date(timeIntervalSince1970: 1_485_162_000),
            fetchedAt: Date(timeIntervalSince1970: 5), createdAt: Date(timeIntervalSince1970: 7),
            updatedAt: Date(timeIntervalSince1970: 9))
        let decoded = try Article.decode(from: article.jsonValue, mode: .stored).get()
        #expect(decoded == article)
        let input = try Article.decode(from: article.jsonValue).get()
        #expect(input.fetchedAt == nil && input.createdAt == Date(timeIntervalSince1970: 0))
    }

    @Test func excerpt_CutsAtAWordBoundary() {
        let body = String(repeating: "كلمة ", count: 100)
        let article = Article(title: "t", body: body, language: "ar")
        #expect(article.excerpt.hasSuffix("كلمة…"))
        #expect(article.excerpt.count <= Article.excerptLength + 1)
        #expect(Article(title: "t", body: "short", language: "en").excerpt == "short")
    }

    @Test func excerpt_WithoutWhiteSpace_CutsBetweenWholeCharacters() {
        // Each character is two scalars (a letter and a kasra), so a cut at a scalar count could split one.
        let word = String(repeating: "بِ", count: 100)
        for body in [word + word + word, "ب" + word + word + word] {
            let excerpt = Article(title: "t", body: body, language: "ar").excerpt
            #expect(excerpt.hasSuffix("…"))
            #expect(excerpt.dropLast().allSatisfy { $0 == "بِ" || $0 == "ب" })
            #expect(excerpt.dropLast().unicodeScalars.last == "\u{0650}")
        }
    }
}

extension Result where Failure == ValidationFailure {
    /// The errors of a failure, `nil` on success.
    fileprivate var failureErrors: [FieldError]? {
        if case .failure(let failure) = self { return failure.errors }
        return nil
    }
}
