import Foundation
import PeaceTalksModel
import Synchronization

@testable import PeaceTalksStore

/// A clock tests advance by hand.
final class TestClock: Sendable {
    private let now = Mutex(Date(timeIntervalSince1970: 1_485_162_000))  // 2017-01-23T09:00:00Z

    /// The current time.
    var date: Date { now.withLock { $0 } }

    /// Moves the clock on.
    func advance(by seconds: TimeInterval) { now.withLock { $0 += seconds } }

    /// A clock closure for the store.
    var closure: @Sendable () -> Date { { self.date } }
}

/// Factories with defaults for test resources.
enum Make {
    static func text(_ english: String, ar: String? = nil) -> LocalizedText {
        LocalizedText([("en", english)] + (ar.map { [("ar", $0)] } ?? []))!
    }

    static func participant(
        _ id: ResourceID? = nil, _ english: String = "Someone", ar: String? = nil, kind: ParticipantKind = .person,
        aliases: [String] = [], affiliation: ResourceID? = nil, side: ParticipantSide? = nil
    ) -> Resource {
        .participant(
            Participant(
                id: id ?? .unassigned, kind: kind, name: text(english, ar: ar), aliases: aliases,
                affiliation: affiliation, side: side))
    }

    static func talks(
        _ id: ResourceID? = nil, _ english: String = "Round", process: String? = nil, start: String? = nil,
        end: String? = nil, participants: [ResourceID] = []
    ) -> Resource {
        .talks(
            Talks(
                id: id ?? .unassigned, name: text(english), process: process,
                startDate: start.flatMap(CalendarDate.init),
                endDate: end.flatMap(CalendarDate.init), participants: participants))
    }

    static func article(
        _ id: ResourceID? = nil, title: String = "Title", body: String = "Body", language: String = "en",
        url: String? = nil, source: String? = nil, published: String? = nil, talks: [ResourceID] = [],
        participants: [ResourceID] = []
    ) -> Resource {
        .article(
            Article(
                id: id ?? .unassigned, title: title, body: body, language: language, url: url, source: source,
                publishedAt: published.flatMap(Timestamp.parse), talks: talks, participants: participants))
    }

    static func statement(
        _ id: ResourceID? = nil, participant: ResourceID, text: String = "Words", language: String = "en",
        kind: StatementKind = .reported, article: ResourceID? = nil, talks: ResourceID? = nil, saidOn: String? = nil,
        topics: [String] = [], translation: LocalizedText? = nil
    ) -> Resource {
        .statement(
            Statement(
                id: id ?? .unassigned, participant: participant, text: text, language: language, kind: kind,
                article: article, talks: talks, saidOn: saidOn.flatMap(CalendarDate.init), topics: topics,
                translation: translation))
    }
}

extension ListPage {
    /// The ids of the page's items.
    var ids: [String] { items.map(\.stored.resource.id.rawValue) }
}

extension InMemoryStore {
    /// Every id of a list, walking all pages of `limit`.
    func walk(_ query: ListQuery, limit: Int) throws -> [String] {
        var query = query
        query.limit = limit
        var ids: [String] = []
        while true {
            let page = try list(query)
            ids += page.ids
            guard let next = page.nextCursor else { return ids }
            query.cursor = next
        }
    }
}
