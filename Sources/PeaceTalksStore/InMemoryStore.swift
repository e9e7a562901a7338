import Foundation
import PeaceTalksModel

/// A resource encoded before its write's version is known, and what it was encoded from.
private struct EncodedInAdvance {
    let source: Resource
    let stored: StoredResource

    init(_ resource: Resource) {
        source = resource
        stored = StoredResource(resource: resource, version: 0)
    }
}

/// The in-memory `ResourceStore`. Readers share a reader-writer lock and run in parallel; writers queue on a
/// writer mutex, prepare their change (validation, references, encoding) while readers go on and record it in the
/// change log; after the log made it durable, they apply it under the exclusive lock, in log order.
///
/// Visibility rule: a change is applied in memory only after the change log made it durable, so a reader never
/// sees a write that a crash or a failed sync could still take back, and nothing has to be undone when a sync
/// fails. Group commit is kept: the writer mutex is released before the sync, so the next writers prepare and
/// append meanwhile; they prepare against the applied state, which is why a change that depends on a pending one
/// (same key, a reference to it, the same article URL, any delete) first waits for the pending ones to apply
/// (`CommitQueue`). Independent writes — the common case — share syncs freely.
package final class InMemoryStore: ResourceStore, @unchecked Sendable {
    // `state` is read under `lock` (shared) and modified only by `commit`, under `lock` (exclusive), in version
    // order (`commits`). `idGenerator`, `changeLog` and `loggedVersion` are guarded by `writer`.
    private var state = StoreState()
    private var idGenerator = IDGenerator()
    private let lock = ReadWriteLock()
    /// A pthread mutex, not `Mutex`: on Linux `Mutex` spins before it sleeps, and dozens of writers queueing here
    /// while one prepares would burn the CPU that the one needs.
    private let writer = NSLock()
    private var changeLog: any ChangeLog
    /// The version of the last change appended to the change log (applied or pending).
    private var loggedVersion: UInt64 = 0
    private let commits = CommitQueue()
    private let clock: @Sendable () -> Date

    /// A store recording changes in `changeLog`, taking times from `clock`.
    package init(changeLog: any ChangeLog = NoChangeLog(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.changeLog = changeLog
        self.clock = clock
        observeDurability(of: changeLog)
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

    /// The version of the last applied change.
    package var version: UInt64 { read { $0.version } }

    /// How many resources of `kind` there are.
    package func count(_ kind: ResourceKind) -> Int { read { $0[kind].resources.count } }

    /// The version of the last applied change: every write bumps it.
    package var generation: UInt64? { lock.withReadLock { state.version } }

    // MARK: Writes

    /// Stores a new resource, generating an `.unassigned` id.
    package func create(_ resource: Resource) throws(StoreError) -> StoredResource {
        try write { (state, generator, version) throws(StoreError) -> PreparedChange in
            var resource = resource
            if resource.id.isUnassigned {
                resource.id = InMemoryStore.makeID(for: resource, in: state, generator: &generator, now: clock())
            } else if state.contains(resource.key) {
                throw .alreadyExists(resource.key)
            }
            let now = Timestamp.truncatedToSeconds(clock())
            resource.setTimes(created: now, updated: now)
            return try prepare(resource, in: state, version: version)
        }!
    }

    /// Creates or replaces the resource with the resource's id.
    package func replace(_ resource: Resource, ifMatch: String?) throws(StoreError) -> (
        stored: StoredResource, created: Bool
    ) {
        // Encoded before the writer lock from the current state: writers queue on that lock, and encoding is
        // most of what a write does under it. Used if the state still gives the same resource (nearly always).
        let encoded = resource.id.isUnassigned ? nil : EncodedInAdvance(
            InMemoryStore.carryOver(from: get(resource.kind, id: resource.id)?.resource, to: resource, now: clock()))
        var created = false
        let stored = try write { (state, _, version) throws(StoreError) -> PreparedChange in
            guard !resource.id.isUnassigned else { throw .invalidResource([FieldError("id", "is required")]) }
            let old = state.stored(resource.key)
            try InMemoryStore.check(ifMatch: ifMatch, against: old)
            created = old == nil
            let new = InMemoryStore.carryOver(from: old?.resource, to: resource, now: clock())
            return try prepare(new, in: state, version: version, encoded: encoded)
        }!
        return (stored, created)
    }

    /// Atomically reads, transforms and writes one resource.
    package func update(
        _ kind: ResourceKind, id: ResourceID, ifMatch: String?,
        _ transform: (Resource) throws(StoreError) -> Resource
    ) throws(StoreError) -> StoredResource {
        try write { (state, _, version) throws(StoreError) -> PreparedChange in
            let key = ResourceKey(kind, id)
            guard let old = state.stored(key) else { throw .notFound(key) }
            try InMemoryStore.check(ifMatch: ifMatch, against: old)
            let new = try transform(old.resource)
            guard new.key == key else {
                throw .invalidResource([FieldError("id", "must stay \(id.rawValue) (a \(kind.rawValue) resource)")])
            }
            let carried = InMemoryStore.carryOver(from: old.resource, to: new, now: clock())
            return try prepare(carried, in: state, version: version)
        }!
    }

    /// Deletes a resource nothing references.
    package func delete(_ kind: ResourceKind, id: ResourceID, ifMatch: String?) throws(StoreError) {
        _ = try write { (state, _, version) throws(StoreError) -> PreparedChange in
            let key = ResourceKey(kind, id)
            guard let old = state.stored(key) else { throw .notFound(key) }
            try InMemoryStore.check(ifMatch: ifMatch, against: old)
            if let referencing = state.referencedBy[key], !referencing.isEmpty {
                throw .referenced(by: referencing.sorted())
            }
            return PreparedChange(change: .delete(key), version: version, stored: nil)
        }
    }

    /// The single write path: serialise writers, prepare the change against the applied state, log it; then,
    /// outside every lock, wait for the log to make it durable, and apply it in version order.
    private func write(
        _ prepareChange: (borrowing StoreState, inout IDGenerator, UInt64) throws(StoreError) -> PreparedChange
    ) throws(StoreError) -> StoredResource? {
        let result: Result<(PreparedChange, UInt64, any ChangeLog), StoreError> = writer.withLock {
            do throws(StoreError) {
                return .success(try logChange(prepareChange))
            } catch {
                return .failure(error)
            }
        }
        let (change, token, log) = try result.get()
        analyzeInAdvance(change, while: log)
        do {
            try log.waitUntilDurable(token)
        } catch {
            commits.reportFailure(change.version)
            writer.withLock { _ = recoverFromFailedSync() }
            throw .unavailable("the change could not be made durable: \(error)")
        }
        commit(change)
        return change.stored
    }

    /// Prepares the change and appends it to the change log (under `writer`); waits for pending changes first
    /// when it depends on them.
    private func logChange(
        _ prepareChange: (borrowing StoreState, inout IDGenerator, UInt64) throws(StoreError) -> PreparedChange
    ) throws(StoreError) -> (PreparedChange, UInt64, any ChangeLog) {
        while true {
            let version = loggedVersion + 1
            let change = try lock.withReadLock { () throws(StoreError) -> PreparedChange in
                try prepareChange(state, &idGenerator, version)
            }
            if commits.conflicts(with: change) {
                try waitForPendingChanges()
                continue
            }
            let token: UInt64
            do {
                token = try changeLog.append(change.change, version: change.version, stored: change.stored)
            } catch {
                // The log refuses appends after a failed sync until the failed changes are dropped; if that
                // recovery had not happened yet, do it and try again.
                if changeLog.failedToken() != nil && recoverFromFailedSync() { continue }
                throw .unavailable("the change could not be recorded: \(error)")
            }
            loggedVersion = version
            commits.register(change, token: token)
            return (change, token, changeLog)
        }
    }

    /// Applies a durable change, with every earlier pending one, unless another writer's batch did.
    private func commit(_ change: PreparedChange) {
        commits.applyDurable(through: change.version, apply)
    }

    private func apply(_ changes: [PreparedChange]) {
        lock.withWriteLock {
            for change in changes { state.apply(change) }
        }
    }

    /// Lets `changeLog` apply each durable group of changes on the thread that made it durable, before it wakes
    /// their writers: they then return at once instead of queueing to apply.
    private func observeDurability(of changeLog: any ChangeLog) {
        changeLog.setDurabilityHandler { [weak self] token in
            guard let self else { return }
            commits.applyDurable(throughToken: token, apply)
        }
    }

    /// Analyses a put's search terms outside every lock, while the change is synced, so that applying it only
    /// files them. When this writer will lead a sync at once, another thread analyses; otherwise (a sync is
    /// running, which it waits for anyway, or the log does not sync) it analyses itself. Statements are searched
    /// by their speaker's names too: they are analysed as they are applied.
    private func analyzeInAdvance(_ change: PreparedChange, while log: any ChangeLog) {
        guard case .put(let resource) = change.change, resource.kind != .statements else { return }
        let commits = commits
        let version = change.version
        let analyze: @Sendable () -> Void = {
            if let analyzed = AnalyzedDocument(standalone: resource) { commits.attach(analyzed, to: version) }
        }
        if log.waitStartsSync { DispatchQueue.global().async(execute: analyze) } else { analyze() }
    }

    /// Waits (under `writer`) until no change is pending, recovering from a failed sync if one is reported.
    private func waitForPendingChanges() throws(StoreError) {
        if commits.waitUntilEmptyOrFailed() && !recoverFromFailedSync() {
            throw .unavailable("the change log cannot resume after a failed write")
        }
    }

    /// After a failed sync (under `writer`): lets the durable changes before the failure apply, drops the failed
    /// ones (never applied: nothing to undo), and resumes the change log. Returns false if it cannot resume.
    private func recoverFromFailedSync() -> Bool {
        guard let failed = changeLog.failedToken() else {
            commits.clearFailureReport()
            return true
        }
        commits.dropFailed(from: failed)
        loggedVersion = lock.withReadLock { state.version }
        do {
            try changeLog.resume()
            return true
        } catch {
            return false
        }
    }

    /// Runs `body` with the state to modify in place, holding both locks: for bulk loading before serving.
    func withExclusiveAccess(_ body: (inout StoreState) -> Void) {
        writer.withLock {
            lock.withWriteLock { body(&state) }
            loggedVersion = state.version
        }
    }

    /// Runs `body` on the applied state with writes paused and none pending, so that the state equals the log.
    func withWritesPaused<T: Sendable>(_ body: (borrowing StoreState) throws -> T) throws -> T {
        let result: Result<T, any Error> = writer.withLock {
            do {
                while commits.hasPending { try waitForPendingChanges() }
                return .success(try lock.withReadLock { try body(state) })
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Sets the change log that later writes go to (a journal opened after the server started); call before the
    /// first write.
    package func attach(_ changeLog: any ChangeLog) {
        writer.withLock { self.changeLog = changeLog }
        observeDurability(of: changeLog)
    }

    /// Checks references and uniqueness of `resource` against `state` and encodes it, unless `encoded` holds it.
    private func prepare(
        _ resource: Resource, in state: borrowing StoreState, version: UInt64, encoded: EncodedInAdvance? = nil
    ) throws(StoreError) -> PreparedChange {
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
        let stored =
            if let encoded, encoded.source == resource { encoded.stored.withVersion(version) }
            else { StoredResource(resource: resource, version: version) }
        return PreparedChange(change: .put(resource), version: version, stored: stored)
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
