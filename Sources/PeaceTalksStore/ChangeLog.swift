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
/// `append` runs inside the store's writer lock, so the log's order is the version order; if it throws, nothing
/// is applied. `waitUntilDurable` runs after that lock is released, so concurrent writers can share one sync
/// (group commit); the store applies the change in memory only after it returns.
///
/// When `waitUntilDurable` throws, the log may refuse further appends: `failedToken()` then names the first
/// change that failed (every later one failed too), and the store calls `resume()` once it has dropped them.
package protocol ChangeLog: Sendable {
    /// Records `change` (with its store-wide `version`; for a put, `stored` is the resource as the store will hold
    /// it, with its encoded JSON) and returns a token for `waitUntilDurable`.
    func append(_ change: Change, version: UInt64, stored: StoredResource?) throws -> UInt64
    /// Returns once the change with `token` survives a crash.
    func waitUntilDurable(_ token: UInt64) throws
    /// The token of the first failed change while the log refuses appends after a failure, else nil.
    func failedToken() -> UInt64?
    /// Accepts appends again; the store calls it after dropping every change from `failedToken()` on.
    func resume() throws
    /// Whether `waitUntilDurable` would start syncing at once (no sync is running to wait for first).
    var waitStartsSync: Bool { get }
    /// Sets what the log calls, on the thread that made them durable, with the last token of each group of changes
    /// that became durable, before the writers waiting for them return: the store applies them there in one go.
    func setDurabilityHandler(_ handler: @escaping @Sendable (UInt64) -> Void)
}

extension ChangeLog {
    /// A log whose failures leave nothing to resume never refuses appends.
    package func failedToken() -> UInt64? { nil }
    /// Nothing to resume.
    package func resume() throws {}
    /// A log without a durability step never syncs.
    package var waitStartsSync: Bool { false }
    /// A log without a durability step has nothing to report: writers apply their own changes.
    package func setDurabilityHandler(_ handler: @escaping @Sendable (UInt64) -> Void) {}
}

/// The in-memory default: records nothing.
package struct NoChangeLog: ChangeLog {
    /// Makes the no-op log.
    package init() {}
    /// Records nothing.
    package func append(_ change: Change, version: UInt64, stored: StoredResource?) throws -> UInt64 { version }
    /// Returns at once.
    package func waitUntilDurable(_ token: UInt64) throws {}
}
