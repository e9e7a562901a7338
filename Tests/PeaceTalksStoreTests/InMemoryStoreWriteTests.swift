import Foundation
import PeaceTalksModel
import Synchronization
import Testing

@testable import PeaceTalksStore

@Suite struct InMemoryStoreWriteTests {
    let clock = TestClock()
    var store: InMemoryStore { InMemoryStore(clock: clock.closure) }

    @Test func create_GeneratesSlugIDs_WithNumberedSuffixes() throws {
        let store = store
        let first = try store.create(Make.participant(nil, "Staffan de Mistura"))
        let second = try store.create(Make.participant(nil, "Staffan de Mistura"))
        let third = try store.create(Make.participant(nil, "Staffan de Mistura"))
        #expect(
            [first, second, third].map(\.resource.id.rawValue)
                == ["staffan-de-mistura", "staffan-de-mistura-2", "staffan-de-mistura-3"])
        let accented = try store.create(Make.participant(nil, "Recep Tayyip Erdoğan"))
        #expect(accented.resource.id == "recep-tayyip-erdogan")
        let arabicOnly = try store.create(
            .participant(Participant(kind: .state, name: LocalizedText([("ar", "روسيا")])!)))
        #expect(!arabicOnly.resource.id.isUnassigned)
        let long = try store.create(Make.talks(nil, String(repeating: "word ", count: 30)))
        #expect(long.resource.id.rawValue.count <= 64)
        let longAgain = try store.create(Make.talks(nil, String(repeating: "word ", count: 30)))
        #expect(longAgain.resource.id.rawValue.hasSuffix("-2") && longAgain.resource.id.rawValue.count <= 64)
    }

    /// `replace` encodes before it takes the writer lock; when the clock (or the stored state) has moved on by the
    /// time the change is prepared, what is stored must be the resource as prepared, encoded again.
    @Test func replace_StoresTheResourceAsPrepared_WhenWhatWasEncodedInAdvanceIsStale() throws {
        let calls = Atomic(0)
        let start = Date(timeIntervalSince1970: 1_485_162_000)
        // Each reading is one second later: the encoding in advance and the change get different `updated_at`s.
        let store = InMemoryStore { start + Double(calls.add(1, ordering: .relaxed).newValue) }
        let first = try store.replace(Make.article("a-1", body: "first"), ifMatch: nil).stored
        let second = try store.replace(Make.article("a-1", body: "second"), ifMatch: nil).stored
        for stored in [first, second] {
            #expect(stored.json == StoredResource(resource: stored.resource, version: stored.version).json)
        }
        guard case .article(let firstArticle) = first.resource, case .article(let secondArticle) = second.resource
        else { throw StoreError.notFound(ResourceKey(.articles, "a-1")) }
        // Readings 1 and 3 went into the encodings in advance; 2 and 4 into the changes.
        #expect(firstArticle.createdAt == start + 2 && firstArticle.updatedAt == start + 2)
        #expect(secondArticle.createdAt == start + 2 && secondArticle.updatedAt == start + 4)
        #expect(store.get(.articles, id: "a-1")?.etag == second.etag)
    }

    @Test func create_GeneratesTimeSortableIDs_ForArticlesAndStatements() throws {
        let store = store
        var ids: [ResourceID] = []
        for index in 0..<50 {
            if index % 10 == 0 { clock.advance(by: 0.001) }
            ids.append(try store.create(Make.article()).resource.id)
        }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
    }

    @Test func create_SetsTimes_AndRejectsExistingIDs() throws {
        let store = store
        let stored = try store.create(Make.participant("p"))
        guard case .participant(let participant) = stored.resource else { Issue.record(); return }
        #expect(participant.createdAt == clock.date && participant.updatedAt == clock.date)
        #expect(throws: StoreError.alreadyExists(ResourceKey(.participants, "p"))) {
            try store.create(Make.participant("p"))
        }
    }

    @Test func writes_RejectUnknownReferences_WithOneErrorPerField() throws {
        let store = store
        _ = try store.create(Make.participant("a"))
        do {
            _ = try store.create(Make.talks("t", participants: ["a", "missing", "gone"]))
            Issue.record("expected invalidReferences")
        } catch {
            guard case .invalidReferences(let errors) = error else { Issue.record("\(error)"); return }
            #expect(errors.map(\.field) == ["participants[1]", "participants[2]"])
        }
        #expect(throws: StoreError.self) { try store.create(Make.statement(participant: "nobody")) }
        #expect(store.count(.statements) == 0)
    }

    @Test func selfAffiliation_IsInvalid() throws {
        let store = store
        #expect(
            throws: StoreError.invalidResource([FieldError("affiliation", "must not refer to the resource itself")])
        ) {
            try store.create(Make.participant("x", affiliation: "x"))
        }
    }

    @Test func delete_OfReferencedResource_ListsEveryReferrer() throws {
        let store = store
        _ = try store.create(Make.participant("russia", kind: .state))
        _ = try store.create(Make.participant("lavrov", affiliation: "russia"))
        _ = try store.create(Make.talks("astana", participants: ["russia"]))
        _ = try store.create(Make.article("a1", participants: ["russia"]))
        _ = try store.create(Make.statement("s1", participant: "russia", article: "a1", talks: "astana"))
        #expect(
            throws: StoreError.referenced(by: [
                ResourceKey(.articles, "a1"), ResourceKey(.participants, "lavrov"),
                ResourceKey(.statements, "s1"), ResourceKey(.talks, "astana"),
            ])
        ) { try store.delete(.participants, id: "russia", ifMatch: nil) }
        try store.delete(.statements, id: "s1", ifMatch: nil)
        try store.delete(.articles, id: "a1", ifMatch: nil)
        try store.delete(.talks, id: "astana", ifMatch: nil)
        try store.delete(.participants, id: "lavrov", ifMatch: nil)
        try store.delete(.participants, id: "russia", ifMatch: nil)
        #expect(throws: StoreError.notFound(ResourceKey(.participants, "russia"))) {
            try store.delete(.participants, id: "russia", ifMatch: nil)
        }
    }

    @Test func replace_KeepsCreatedAt_ChangesETag_AndHonoursIfMatch() throws {
        let store = store
        let (created, wasCreated) = try store.replace(Make.participant("p", "One"), ifMatch: nil)
        #expect(wasCreated)
        clock.advance(by: 60)
        #expect(throws: StoreError.preconditionFailed) {
            try store.replace(Make.participant("p", "Two"), ifMatch: "\"nope\"")
        }
        let (replaced, wasCreatedAgain) = try store.replace(Make.participant("p", "Two"), ifMatch: created.etag)
        #expect(!wasCreatedAgain)
        #expect(replaced.etag != created.etag)
        #expect(replaced.resource.createdAt == created.resource.createdAt)
        guard case .participant(let participant) = replaced.resource else { Issue.record(); return }
        #expect(participant.updatedAt == clock.date)
        #expect(throws: StoreError.preconditionFailed) {
            try store.replace(Make.participant("new"), ifMatch: "*")
        }
        _ = try store.replace(Make.participant("p", "Three"), ifMatch: "\"x\", \(replaced.etag)")
        #expect(throws: StoreError.preconditionFailed) {
            try store.delete(.participants, id: "p", ifMatch: replaced.etag)
        }
    }

    @Test func update_IsAtomicReadModifyWrite() throws {
        let store = store
        _ = try store.create(Make.participant("p", "Old"))
        let updated = try store.update(.participants, id: "p", ifMatch: "*") { resource throws(StoreError) in
            guard case .participant(var participant) = resource else { throw .invalidResource([]) }
            participant.aliases = ["alias"]
            return .participant(participant)
        }
        guard case .participant(let participant) = updated.resource else { Issue.record(); return }
        #expect(participant.aliases == ["alias"])
        #expect(throws: StoreError.self) {
            try store.update(.participants, id: "p", ifMatch: nil) { resource throws(StoreError) in
                var copy = resource
                copy.id = "other"
                return copy
            }
        }
        #expect(throws: StoreError.notFound(ResourceKey(.participants, "q"))) {
            try store.update(.participants, id: "q", ifMatch: nil) { $0 }
        }
    }

    @Test func articleURLs_AreUnique() throws {
        let store = store
        _ = try store.create(Make.article("a", url: "https://example.org/1"))
        #expect(throws: StoreError.duplicateURL(existing: "a")) {
            try store.create(Make.article("b", url: "https://example.org/1"))
        }
        #expect(store.article(withURL: "https://example.org/1")?.resource.id == "a")
        _ = try store.replace(Make.article("a", url: "https://example.org/2"), ifMatch: nil)
        #expect(store.article(withURL: "https://example.org/1") == nil)
        _ = try store.create(Make.article("b", url: "https://example.org/1"))
    }

    @Test func storedResource_CachesJSON_AndArticleListItemsCarryAnExcerpt() throws {
        let store = store
        let body = String(repeating: "word ", count: 200)
        let stored = try store.create(Make.article("a", body: body))
        #expect(try JSONParser.parse(stored.json) == stored.resource.jsonValue)
        let item = try JSONParser.parseObject(stored.listItemJSON)
        #expect(item["body"] == nil)
        #expect(item.keys[2] == "excerpt")
        #expect(stored.etag.hasPrefix("\"") && stored.etag.hasSuffix("\""))
    }

    @Test func changeLog_SeesEveryChangeInOrder_AndAFailedAppendAppliesNothing() throws {
        let log = RecordingChangeLog()
        let store = InMemoryStore(changeLog: log, clock: clock.closure)
        _ = try store.create(Make.participant("p"))
        try store.delete(.participants, id: "p", ifMatch: nil)
        #expect(log.changes.map(\.version) == [1, 2])
        log.failNext()
        #expect(throws: StoreError.self) { try store.create(Make.participant("q")) }
        #expect(store.get(.participants, id: "q") == nil)
    }
}

/// A change log that remembers what it was given and can be told to fail.
final class RecordingChangeLog: ChangeLog {
    private let state = Mutex<(changes: [(Change, UInt64)], fail: Bool)>(([], false))

    var changes: [(change: Change, version: UInt64)] { state.withLock { $0.changes.map { ($0.0, $0.1) } } }

    func failNext() { state.withLock { $0.fail = true } }

    func append(_ change: Change, version: UInt64, stored: StoredResource?) throws -> UInt64 {
        try state.withLock { state in
            if state.fail {
                state.fail = false
                throw CocoaError(.fileWriteOutOfSpace)
            }
            state.changes.append((change, version))
            return version
        }
    }

    func waitUntilDurable(_ token: UInt64) throws {}
}
