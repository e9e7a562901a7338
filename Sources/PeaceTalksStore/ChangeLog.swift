import PeaceTalksModel

/// One change to the store: the unit the single write path applies and a journal records.
package enum Change: Hashable, Sendable {
    /// Create or replace: the full resource as stored (times set).
    case put(Resource)
    /// Removal of a resource.
    case delete(ResourceKey)
}

/// Where the store records each change before applying it (a journal makes it durable; the default forgets).
///
/// `append` runs inside the store's write lock, before the change is applied in memory, so the log's order is
/// the apply order; if it throws, nothing is applied. `waitUntilDurable` runs after the lock is released, so
/// concurrent writers can share one sync (group commit).
package protocol ChangeLog: Sendable {
    /// Records `change` (with its store-wide `version`) and returns a token for `waitUntilDurable`.
    func append(_ change: Change, version: UInt64) throws -> UInt64
    /// Returns once the change with `token` survives a crash.
    func waitUntilDurable(_ token: UInt64) throws
}

/// The in-memory default: records nothing.
package struct NoChangeLog: ChangeLog {
    /// Makes the no-op log.
    package init() {}
    /// Records nothing.
    package func append(_ change: Change, version: UInt64) throws -> UInt64 { version }
    /// Returns at once.
    package func waitUntilDurable(_ token: UInt64) throws {}
}
