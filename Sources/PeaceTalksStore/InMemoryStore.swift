import Foundation
import PeaceTalksModel
import Synchronization

/// The in-memory `ResourceStore`. Readers share a reader-writer lock and run in parallel; writers queue on a
/// writer mutex, prepare their change (validation, references, encoding) while readers go on, record it in the
/// change log, and then apply it under the exclusive lock — so a reader never sees half a write.
package final class InMemoryStore: ResourceStore, @unchecked Sendable {
    // `state` is read under `lock` (shared) by readers and by the writer holding `writer`; it is modified only by
    // `commit`, which holds both `writer` and `lock` (exclusive). `idGenerator` is guarded by `writer`.
    private var state = StoreState()
    private var idGenerator = IDGenerator()
    private let lock = ReadWriteLock()
    private let writer = Mutex(())
    private let changeLog: any ChangeLog
    private let clock: @Sendable () -> Date

    /// A store recording changes in `changeLog`, taking times from `clock`.
    package init(changeLog: any ChangeLog = NoChangeLog(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.changeLog = changeLog
        self.clock = clock
    }

    /// Runs `body` on a consistent view of the data.
    func read<T, E: Error>(_ body: (borrowing StoreState) throws(E) -> T) throws(E) -> T {
        try lock.withReadLock { () throws(E) -> T in try body(state) }
    }

    // MARK: Reads

    /// The resource of `kind` with `id`, if any.
    package func get(_ kind: ResourceKind, id: ResourceID) -> StoredResource? {
        // Stored properties only: calling a method on `state` (or passing it to `read`'s closure) copies the
        // whole struct, retaining every index, because `state` is a class property.
        lock.withReadLock {
            switch kind {
            case .articles: state.articles.resources[id]
            case .participants: state.participants.resources[id]
            case .statements: state.statements.resources[id]
            case .talks: state.talks.resources[id]
            }
        }
    }

    /// The article whose `url` is `url`, if any.
    package func article(withURL url: String) -> StoredResource? {
        read { state in state.articleURLs[url].flatMap { state.articles.resources[$0] } }
    }

    /// How many resources of `kind` there are.
    package func count(_ kind: ResourceKind) -> Int { read { $0[kind].resources.count } }

    /// The version of the last applied change: every write bumps it.
    package var generation: UInt64? { lock.withReadLock { state.version } }

    // MARK: Writes

    /// Stores a new resource, generating an `.unassigned` id.
    package func create(_ resource: Resource) throws(StoreError) -> StoredResource {
        try write { (state, generator) throws(StoreError) -> PreparedChange in
            var resource = resource
            if resource.id.isUnassigned {
                resource.id = InMemoryStore.makeID(for: resource, in: state, generator: &generator, now: clock())
            } else if state.contains(resource.key) {
                throw .alreadyExists(resource.key)
            }
            let now = Timestamp.truncatedToSeconds(clock())
            resource.setTimes(created: now, updated: now)
            return try prepare(resource, in: state)
        }!
    }

    /// Creates or replaces the resource with the resource's id.
    package func replace(_ resource: Resource, ifMatch: String?) throws(StoreError) -> (
        stored: StoredResource, created: Bool
    ) {
        var created = false
        let stored = try write { (state, _) throws(StoreError) -> PreparedChange in
            guard !resource.id.isUnassigned else { throw .invalidResource([FieldError("id", "is required")]) }
            let old = state.stored(resource.key)
            try InMemoryStore.check(ifMatch: ifMatch, against: old)
            created = old == nil
            return try prepare(InMemoryStore.carryOver(from: old?.resource, to: resource, now: clock()), in: state)
        }!
        return (stored, created)
    }

    /// Atomically reads, transforms and writes one resource.
    package func update(
        _ kind: ResourceKind, id: ResourceID, ifMatch: String?,
        _ transform: (Resource) throws(StoreError) -> Resource
    ) throws(StoreError) -> StoredResource {
        try write { (state, _) throws(StoreError) -> PreparedChange in
            let key = ResourceKey(kind, id)
            guard let old = state.stored(key) else { throw .notFound(key) }
            try InMemoryStore.check(ifMatch: ifMatch, against: old)
            let new = try transform(old.resource)
            guard new.key == key else {
                throw .invalidResource([FieldError("id", "must stay \(id.rawValue) (a \(kind.rawValue) resource)")])
            }
            return try prepare(InMemoryStore.carryOver(from: old.resource, to: new, now: clock()), in: state)
        }!
    }

    /// Deletes a resource nothing references.
    package func delete(_ kind: ResourceKind, id: ResourceID, ifMatch: String?) throws(StoreError) {
        _ = try write { (state, _) throws(StoreError) -> PreparedChange in
            let key = ResourceKey(kind, id)
            guard let old = state.stored(key) else { throw .notFound(key) }
            try InMemoryStore.check(ifMatch: ifMatch, against: old)
            if let referencing = state.referencedBy[key], !referencing.isEmpty {
                throw .referenced(by: referencing.sorted())
            }
            return PreparedChange(change: .delete(key), version: state.version + 1, stored: nil)
        }
    }

    /// The single write path: serialise writers, prepare the change against the current state, log it, apply it
    /// under the exclusive lock, then wait for the log to make it durable (outside every lock).
    private func write(
        _ prepareChange: (borrowing StoreState, inout IDGenerator) throws(StoreError) -> PreparedChange
    ) throws(StoreError) -> StoredResource? {
        let result: Result<(PreparedChange, UInt64), StoreError> = writer.withLock { _ in
            do throws(StoreError) {
                let change = try prepareChange(state, &idGenerator)
                let token: UInt64
                do {
                    token = try changeLog.append(change.change, version: change.version)
                } catch {
                    throw .unavailable("the change could not be recorded: \(error)")
                }
                lock.withWriteLock { state.apply(change) }
                return .success((change, token))
            } catch {
                return .failure(error)
            }
        }
        let (change, token) = try result.get()
        do {
            try changeLog.waitUntilDurable(token)
        } catch {
            throw .unavailable("the change could not be made durable: \(error)")
        }
        return change.stored
    }

    /// Checks references and uniqueness of `resource` against `state` and encodes it.
    private func prepare(_ resource: Resource, in state: borrowing StoreState) throws(StoreError) -> PreparedChange {
        var missing: [FieldError] = []
        for reference in resource.references {
            if reference.target == resource.key {
                throw .invalidResource([FieldError(reference.field, "must not refer to the resource itself")])
            }
            if !state.contains(reference.target) {
                let target = reference.target
                missing.append(
                    FieldError(reference.field, "refers to \(target), which does not exist"))
            }
        }
        guard missing.isEmpty else { throw .invalidReferences(missing) }
        if case .article(let article) = resource, let url = article.url, let existing = state.articleURLs[url],
            existing != article.id
        {
            throw .duplicateURL(existing: existing)
        }
        let version = state.version + 1
        return PreparedChange(
            change: .put(resource), version: version, stored: StoredResource(resource: resource, version: version))
    }

    /// `new` with the server-set fields of `old` kept: `created_at` (and `fetched_at` when `new` has none).
    private static func carryOver(from old: Resource?, to new: Resource, now: Date) -> Resource {
        var resource = new
        let now = Timestamp.truncatedToSeconds(now)
        resource.setTimes(created: old?.createdAt ?? now, updated: now)
        if case .article(let oldArticle)? = old, case .article(var article) = resource, article.fetchedAt == nil {
            article.fetchedAt = oldArticle.fetchedAt
            resource = .article(article)
        }
        return resource
    }

    /// RFC 9110 §13.1.1: `*` matches any current representation, otherwise one of the listed strong ETags must.
    private static func check(ifMatch: String?, against current: StoredResource?) throws(StoreError) {
        guard let ifMatch else { return }
        let trimmed = ifMatch.trimmingCharacters(in: .whitespaces)
        guard let current else { throw .preconditionFailed }
        if trimmed == "*" { return }
        let tags = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard tags.contains(current.etag) else { throw .preconditionFailed }
    }

    /// A server-made id: a unique slug of the English name for participants and talks, else time-sortable.
    private static func makeID(
        for resource: Resource, in state: borrowing StoreState, generator: inout IDGenerator, now: Date
    ) -> ResourceID {
        let english: String?
        switch resource {
        case .participant(let participant): english = participant.name.english
        case .talks(let talks): english = talks.name.english
        case .article, .statement: english = nil
        }
        if let english, let base = ResourceID.slug(from: english), let id = ResourceID(base) {
            if !state.contains(ResourceKey(resource.kind, id)) { return id }
            for number in 2... {
                let suffix = "-\(number)"
                var stem = String(base.prefix(ResourceID.maxLength - suffix.count))
                while stem.hasSuffix("-") { stem.removeLast() }
                if let candidate = ResourceID(stem + suffix), !state.contains(ResourceKey(resource.kind, candidate)) {
                    return candidate
                }
            }
        }
        while true {
            let id = generator.makeTimeSortableID(now: now)
            if !state.contains(ResourceKey(resource.kind, id)) { return id }
        }
    }
}
