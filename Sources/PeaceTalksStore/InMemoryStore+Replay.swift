import PeaceTalksModel

/// A change read back from a journal or snapshot, applied as it was recorded (no checks: it was valid then).
package enum ReplayedChange: Sendable {
    /// The resource as stored, with its version, and how it reaches the search index.
    case put(StoredResource, search: SearchEntry = .analyze)
    /// A kind's whole search index, read back from a snapshot before the snapshot's puts of that kind.
    case searchIndex(SearchIndex, of: ResourceKind)
    /// A removal, with the version of the change.
    case delete(ResourceKey, version: UInt64)
    /// The store-wide version as of a snapshot (deletes leave no resource to carry it).
    case version(UInt64)
}

/// Every resource of the store at one version, in an order that loads and imports cleanly, with the search
/// indexes of that version.
package struct StoreContents: Sendable {
    /// The version of the last change the contents include.
    package let version: UInt64
    /// Each kind's search index.
    package let searchIndexes: [(kind: ResourceKind, index: SearchIndex)]
    /// Participants (an affiliation before the participants that name it), then talks, articles and statements;
    /// each kind by id.
    package let resources: [StoredResource]
}

extension ReplayedChange {
    /// The change with its search terms analysed, where they depend on nothing else in the store (all kinds but
    /// statements, which are searched by their speaker's names too): call it in parallel before `loadReplayed`,
    /// which then only files the terms.
    package func analyzed() -> ReplayedChange {
        guard case .put(let stored, .analyze) = self, let analyzed = AnalyzedDocument(standalone: stored.resource)
        else { return self }
        return .put(stored, search: .analyzed(analyzed))
    }

    /// The change marked as already in a search index read back from the snapshot it comes from.
    package func indexed() -> ReplayedChange {
        guard case .put(let stored, _) = self else { return self }
        return .put(stored, search: .indexed)
    }
}

extension InMemoryStore {
    /// Applies `changes` in order under one exclusive lock: start-up's bulk load, before the store serves writes.
    package func loadReplayed(_ changes: some Sequence<ReplayedChange>) {
        withExclusiveAccess { state in
            for change in changes {
                switch change {
                case .put(let stored, let search):
                    let change = PreparedChange(
                        change: .put(stored.resource), version: stored.version, stored: stored, search: search)
                    state.apply(change, bulk: true)
                case .searchIndex(let index, let kind):
                    state.setSearchIndex(index, of: kind)
                case .delete(let key, let version):
                    state.apply(PreparedChange(change: .delete(key), version: version, stored: nil), bulk: true)
                case .version(let version):
                    state.setVersion(version)
                }
            }
            state.restoreOrder()
        }
    }

    /// The store's whole contents, consistent with the change log.
    package var contents: StoreContents {
        get throws { try withContents {}.contents }
    }

    /// The store's whole contents, consistent with the change log, and what `body` returned: waits until no logged
    /// change is pending, then runs `body` (e.g. starting a journal compaction) and takes the resources and search
    /// indexes under the writer lock. The contents are put in order after writers went on.
    ///
    /// Only references are taken, not the state: a copy of the state kept while the contents were sorted made the
    /// next writes copy every index of the store they touched (copy on write), under the lock.
    package func withContents<T: Sendable>(_ body: () throws -> T) throws -> (result: T, contents: StoreContents) {
        let (result, parts) = try withWritesPaused { state in
            let result = try body()
            let resources = Dictionary(
                uniqueKeysWithValues: ResourceKind.allCases.map { ($0, Array(state[$0].resources.values)) })
            let indexes = ResourceKind.allCases.map { (kind: $0, index: state[$0].search) }
            return (result, (state.version, indexes, resources))
        }
        let (version, indexes, resources) = parts
        return (result, StoreContents(version: version, searchIndexes: indexes, resources: resources))
    }
}

extension StoreContents {
    /// The contents made of each kind's resources, unordered, put in load order.
    fileprivate init(
        version: UInt64, searchIndexes: [(kind: ResourceKind, index: SearchIndex)],
        resources byKind: [ResourceKind: [StoredResource]]
    ) {
        var resources: [StoredResource] = []
        resources.reserveCapacity(byKind.values.reduce(0) { $0 + $1.count })
        resources += Self.inDependencyOrder(participants: byKind[.participants] ?? [])
        for kind in [ResourceKind.talks, .articles, .statements] {
            resources += (byKind[kind] ?? []).sorted { $0.resource.id < $1.resource.id }
        }
        self.init(version: version, searchIndexes: searchIndexes, resources: resources)
    }

    /// Participants by id, each preceded by the chain of participants it is affiliated to (a cycle, possible
    /// through later patches, is broken where it closes).
    private static func inDependencyOrder(participants: [StoredResource]) -> [StoredResource] {
        let byID = Dictionary(participants.map { ($0.resource.id, $0) }, uniquingKeysWith: { first, _ in first })
        var ordered: [StoredResource] = []
        var placed: Set<ResourceID> = []
        for id in byID.keys.sorted() {
            var chain: [StoredResource] = []
            var next: ResourceID? = id
            while let current = next, !placed.contains(current), let stored = byID[current] {
                placed.insert(current)
                chain.append(stored)
                next = nil
                if case .participant(let participant) = stored.resource { next = participant.affiliation }
            }
            ordered += chain.reversed()
        }
        return ordered
    }
}
