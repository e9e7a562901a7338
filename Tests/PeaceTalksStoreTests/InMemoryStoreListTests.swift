import Foundation
import PeaceTalksModel
import Testing

@testable import PeaceTalksStore

@Suite struct InMemoryStoreListTests {
    /// A small Astana data set: 3 participants, 2 rounds, 3 articles, 4 statements.
    private func makeStore() throws -> InMemoryStore {
        let store = InMemoryStore(clock: TestClock().closure)
        _ = try store.create(Make.participant("russia", "Russia", ar: "روسيا", kind: .state, side: .guarantor))
        _ = try store.create(
            Make.participant(
                "staffan-de-mistura", "Staffan de Mistura", ar: "دي ميستورا", aliases: ["دى ميستورا"],
                side: .mediator))
        _ = try store.create(
            Make.participant("lavrov", "Sergey Lavrov", ar: "لافروف", affiliation: "russia", side: .guarantor))
        _ = try store.create(
            Make.talks(
                "astana-2017", "Astana talks", process: "astana", start: "2017-01-23", end: "2017-01-24",
                participants: ["russia", "staffan-de-mistura"]))
        _ = try store.create(
            Make.talks("geneva-2017", "Geneva talks", process: "Geneva", start: "2017-02-23", end: "2017-03-03"))
        _ = try store.create(
            Make.article(
                "a1", title: "محادثات أستانا", body: "قال دى ميستورا إن المحادثات مهمة", language: "ar",
                source: "elmaouid", published: "2017-01-23T09:00:00Z", talks: ["astana-2017"],
                participants: ["staffan-de-mistura"]))
        _ = try store.create(
            Make.article(
                "a2", title: "Talks in Astana", body: "Russia and Turkey hosted the talks.", language: "en-GB",
                published: "2017-01-24T18:30:00Z", talks: ["astana-2017"], participants: ["russia"]))
        _ = try store.create(Make.article("a3", title: "Undated", body: "Nothing about talk here"))
        _ = try store.create(
            Make.statement(
                "s1", participant: "staffan-de-mistura", text: "المحادثات خطوة مهمة", language: "ar", kind: .direct,
                article: "a1", talks: "astana-2017", saidOn: "2017-01-23", topics: ["ceasefire"]))
        _ = try store.create(
            Make.statement(
                "s2", participant: "lavrov", text: "The ceasefire must hold", talks: "astana-2017",
                saidOn: "2017-01-24", topics: ["Ceasefire", "monitoring"]))
        _ = try store.create(Make.statement("s3", participant: "lavrov", text: "Geneva next", saidOn: "2017-02-01"))
        _ = try store.create(Make.statement("s4", participant: "russia", text: "No date"))
        return store
    }

    @Test func defaultOrders_NewestFirst_NullsLast_NamesAscending() throws {
        let store = try makeStore()
        #expect(try store.list(ListQuery(kind: .articles)).ids == ["a2", "a1", "a3"])
        #expect(try store.list(ListQuery(kind: .statements)).ids == ["s3", "s2", "s1", "s4"])
        #expect(try store.list(ListQuery(kind: .talks)).ids == ["geneva-2017", "astana-2017"])
        #expect(try store.list(ListQuery(kind: .participants)).ids == ["russia", "lavrov", "staffan-de-mistura"])
        let ascending = ListQuery(kind: .articles, sort: ListSort(.publishedAt, descending: false))
        #expect(try store.list(ascending).ids == ["a1", "a2", "a3"])
    }

    @Test func filters_CombineWithAND_AndValuesWithOR() throws {
        let store = try makeStore()
        #expect(try store.list(ListQuery(kind: .articles, filters: ["language": ["en"]])).ids == ["a2", "a3"])
        #expect(try store.list(ListQuery(kind: .articles, filters: ["source": ["ElMaouid"]])).ids == ["a1"])
        #expect(
            try store.list(ListQuery(kind: .statements, filters: ["participant": ["lavrov,russia"]])).ids
                == ["s3", "s2", "s4"])
        #expect(
            try store.list(
                ListQuery(kind: .statements, filters: ["participant": ["lavrov"], "talks": ["astana-2017"]])
            ).ids == ["s2"])
        #expect(try store.list(ListQuery(kind: .statements, filters: ["topic": ["CEASEFIRE"]])).ids == ["s2", "s1"])
        #expect(try store.list(ListQuery(kind: .statements, filters: ["kind": ["direct"]])).ids == ["s1"])
        #expect(
            try store.list(ListQuery(kind: .participants, filters: ["side": ["guarantor"]])).ids
                == ["russia", "lavrov"])
        #expect(
            try store.list(ListQuery(kind: .participants, filters: ["talks": ["astana-2017"]])).ids
                == ["russia", "staffan-de-mistura"])
        #expect(try store.list(ListQuery(kind: .participants, filters: ["affiliation": ["russia"]])).ids == ["lavrov"])
        #expect(try store.list(ListQuery(kind: .talks, filters: ["process": ["geneva"]])).ids == ["geneva-2017"])
        #expect(try store.list(ListQuery(kind: .talks, filters: ["participant": ["russia"]])).ids == ["astana-2017"])
        #expect(try store.list(ListQuery(kind: .articles, filters: ["talks": ["nope"]])).total == 0)
    }

    @Test func badFilters_AreInvalidQueries() throws {
        let store = try makeStore()
        for query in [
            ListQuery(kind: .articles, filters: ["colour": ["red"]]),
            ListQuery(kind: .participants, filters: ["kind": ["wizard"]]),
            ListQuery(kind: .statements, filters: ["participant": ["Not An Id"]]),
            ListQuery(kind: .participants, from: RangeBound("2017-01-01")),
            ListQuery(kind: .articles, limit: 0), ListQuery(kind: .articles, limit: 101),
            ListQuery(kind: .articles, sort: ListSort(.name, descending: false)),
            ListQuery(kind: .articles, cursor: "garbage"),
        ] {
            #expect(throws: StoreError.self, "\(query)") { try store.list(query) }
        }
    }

    @Test func dateRanges_AreInclusive_AndAcceptTimes() throws {
        let store = try makeStore()
        let day = ListQuery(kind: .articles, from: RangeBound("2017-01-23"), to: RangeBound("2017-01-23"))
        #expect(try store.list(day).ids == ["a1"])
        let time = ListQuery(kind: .articles, from: RangeBound("2017-01-24T18:30:00Z"))
        #expect(try store.list(time).ids == ["a2"])
        let statements = ListQuery(kind: .statements, from: RangeBound("2017-01-24"), to: RangeBound("2017-02-01"))
        #expect(try store.list(statements).ids == ["s3", "s2"])
        let overlapping = ListQuery(kind: .talks, from: RangeBound("2017-01-24"), to: RangeBound("2017-02-23"))
        #expect(try store.list(overlapping).ids == ["geneva-2017", "astana-2017"])
        let inside = ListQuery(kind: .talks, from: RangeBound("2017-03-01"), to: RangeBound("2017-03-31"))
        #expect(try store.list(inside).ids == ["geneva-2017"])
    }

    @Test func subResourceLists_FixTheParent() throws {
        let store = try makeStore()
        let spoken = ListQuery(kind: .statements, scope: ResourceKey(.participants, "lavrov"))
        #expect(try store.list(spoken).ids == ["s3", "s2"])
        let mentioned = ListQuery(kind: .articles, scope: ResourceKey(.participants, "russia"))
        #expect(try store.list(mentioned).ids == ["a2"])
        let round = ListQuery(
            kind: .statements, scope: ResourceKey(.talks, "astana-2017"), filters: ["kind": ["direct"]])
        #expect(try store.list(round).ids == ["s1"])
        #expect(throws: StoreError.notFound(ResourceKey(.talks, "nope"))) {
            try store.list(ListQuery(kind: .articles, scope: ResourceKey(.talks, "nope")))
        }
    }

    @Test func q_FindsEverySpelling_RanksAndSnippets() throws {
        let store = try makeStore()
        let arabic = try store.list(ListQuery(kind: .articles, q: "محادثات دي ميستورا"))
        #expect(arabic.ids == ["a1"])
        #expect(arabic.items[0].snippet?.contains("<mark>") == true)
        #expect(arabic.items[0].score ?? 0 > 0)
        let english = try store.list(ListQuery(kind: .articles, q: "talk"))
        #expect(english.ids == ["a2", "a3"], "the title match ranks first")
        #expect(try store.list(ListQuery(kind: .articles, q: "talk -russia")).ids == ["a3"])
        #expect(try store.list(ListQuery(kind: .articles, q: #""turkey hosted""#)).ids == ["a2"])
        #expect(try store.list(ListQuery(kind: .articles, q: #""hosted turkey""#)).ids == [])
        #expect(try store.list(ListQuery(kind: .participants, q: "دى ميستورا")).ids == ["staffan-de-mistura"])
        #expect(
            try store.list(ListQuery(kind: .statements, q: "ميستورا")).ids == ["s1"],
            "statements match their speaker's names")
        #expect(try store.list(ListQuery(kind: .talks, q: "astana")).ids == ["astana-2017"])
        let sorted = ListQuery(kind: .articles, q: "talk", sort: ListSort(.publishedAt, descending: false))
        #expect(try store.list(sorted).ids == ["a2", "a3"])
    }

    @Test func renamingASpeaker_UpdatesTheirStatementsSearch() throws {
        let store = try makeStore()
        #expect(try store.list(ListQuery(kind: .statements, q: "sergei")).ids == [])
        _ = try store.replace(
            Make.participant("lavrov", "Sergei Lavrov", affiliation: "russia", side: .guarantor), ifMatch: nil)
        #expect(try store.list(ListQuery(kind: .statements, q: "sergei")).ids == ["s2", "s3"], "equal scores: by id")
        #expect(try store.list(ListQuery(kind: .statements, q: "sergey")).ids == [])
    }

    @Test func pages_WalkEveryItemOnce_WithExactTotals() throws {
        let store = try makeStore()
        for limit in 1...4 {
            #expect(try store.walk(ListQuery(kind: .statements), limit: limit) == ["s3", "s2", "s1", "s4"])
            #expect(try store.walk(ListQuery(kind: .articles, q: "talk"), limit: limit) == ["a2", "a3"])
        }
        let page = try store.list(ListQuery(kind: .statements, limit: 2))
        #expect(page.total == 4 && page.items.count == 2 && page.nextCursor != nil)
        let other = ListQuery(kind: .articles, cursor: page.nextCursor)
        #expect(throws: StoreError.invalidQuery("cursor belongs to a different query")) { try store.list(other) }
    }

    @Test func pageETag_ChangesWithContent() throws {
        let store = try makeStore()
        let before = try store.list(ListQuery(kind: .statements))
        #expect(try store.list(ListQuery(kind: .statements)).etag == before.etag)
        _ = try store.create(Make.statement("s5", participant: "russia", text: "New", saidOn: "2017-03-01"))
        #expect(try store.list(ListQuery(kind: .statements)).etag != before.etag)
    }

    @Test func crossKindSearch_RanksAllKinds() throws {
        let store = try makeStore()
        let page = try store.search(SearchQuery(q: "astana"))
        #expect(Set(page.items.map(\.stored.key.kind)) == [.articles, .talks])
        #expect(page.total == page.items.count)
        let onlyTalks = try store.search(SearchQuery(q: "astana", kinds: [.talks]))
        #expect(onlyTalks.ids == ["astana-2017"])
        var walked: [ResourceKey] = []
        var query = SearchQuery(q: "astana", limit: 1)
        while true {
            let next = try store.search(query)
            walked += next.items.map(\.stored.key)
            guard let cursor = next.nextCursor else { break }
            query.cursor = cursor
        }
        #expect(walked == page.items.map(\.stored.key))
    }

    @Test func timeline_MergesArticlesAndStatementsInTimeOrder() throws {
        let store = try makeStore()
        let keys = try store.timeline(talks: "astana-2017").map(\.stored.key.description)
        #expect(keys == ["statements/s1", "articles/a1", "statements/s2", "articles/a2"])
        #expect(throws: StoreError.notFound(ResourceKey(.talks, "x"))) { try store.timeline(talks: "x") }
    }

    @Test func volume_CountsPerPeriod_WithEmptyPeriods() throws {
        let store = try makeStore()
        let days = try store.volume(VolumeQuery(filter: ListQuery(kind: .statements), interval: .day))
        #expect(days.count == 10)
        #expect(days.first == VolumeBucket(period: "2017-01-23", count: 1))
        #expect(days.last == VolumeBucket(period: "2017-02-01", count: 1))
        #expect(days.filter { $0.count == 0 }.count == 7)
        let weeks = try store.volume(
            VolumeQuery(
                filter: ListQuery(kind: .articles, from: RangeBound("2017-01-01"), to: RangeBound("2017-01-31")),
                interval: .week))
        #expect(weeks.map(\.period) == ["2016-W52", "2017-W01", "2017-W02", "2017-W03", "2017-W04", "2017-W05"])
        #expect(weeks.map(\.count) == [0, 0, 0, 0, 2, 0])
        let months = try store.volume(
            VolumeQuery(filter: ListQuery(kind: .statements, filters: ["participant": ["lavrov"]]), interval: .month))
        #expect(months == [VolumeBucket(period: "2017-01", count: 1), VolumeBucket(period: "2017-02", count: 1)])
        #expect(throws: StoreError.self) {
            try store.volume(VolumeQuery(filter: ListQuery(kind: .talks), interval: .day))
        }
    }
}
