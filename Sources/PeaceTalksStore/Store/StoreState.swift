import PeaceTalksModel

/// The whole in-memory data set with its indexes. Mutated only by `apply`, under the store's write lock.
struct StoreState: Sendable {
    private(set) var articles = KindIndex(kind: .articles)
    private(set) var participants = KindIndex(kind: .participants)
    private(set) var statements = KindIndex(kind: .statements)
    private(set) var talks = KindIndex(kind: .talks)
    /// Target → the resources that reference it.
    private(set) var referencedBy: [ResourceKey: Set<ResourceKey>] = [:]
    /// Article URL → article id.
    private(set) var articleURLs: [String: ResourceID] = [:]
    /// The version of the last applied change.
    private(set) var version: UInt64 = 0

    /// The index of `kind`, borrowed in place (a getter would copy it, retaining every index, on each read).
    subscript(kind: ResourceKind) -> KindIndex {
        _read {
            switch kind {
            case .articles: yield articles
            case .participants: yield participants
            case .statements: yield statements
            case .talks: yield talks
            }
        }
        _modify {
            switch kind {
            case .articles: yield &articles
            case .participants: yield &participants
            case .statements: yield &statements
            case .talks: yield &talks
            }
        }
    }

    /// The stored resource with `key`.
    func stored(_ key: ResourceKey) -> StoredResource? { self[key.kind].resources[key.id] }

    /// Whether `key` exists.
    func contains(_ key: ResourceKey) -> Bool { stored(key) != nil }

    /// The participant with `id`, if any.
    func participant(_ id: ResourceID) -> Participant? {
        if case .participant(let participant)? = participants.resources[id]?.resource { return participant }
        return nil
    }

    /// The search fields of `resource` as the current state sees them (statements include their speaker).
    func searchFields(of resource: Resource) -> [SearchField] {
        if case .statement(let statement) = resource {
            return SearchFields.fields(of: resource, speaker: participant(statement.participant))
        }
        return SearchFields.fields(of: resource, speaker: nil)
    }

    /// Sets the version without a change: a snapshot's version, which a delete may have left past every resource's.
    mutating func setVersion(_ version: UInt64) { self.version = version }

    /// Applies one change: the only place the data set is modified. `bulk` (start-up's load) leaves the sort
    /// indexes out of order until `restoreOrder()`.
    mutating func apply(_ change: PreparedChange, bulk: Bool = false) {
        version = change.version
        switch change.change {
        case .put(let resource):
            let old = stored(resource.key)
            let speakerStatements = speakerDependentStatements(old: old?.resource, new: resource)
            for statement in speakerStatements {
                statements.search.remove(statement.resource.id, fields: searchFields(of: statement.resource))
            }
            if let old { unindex(old) }
            if let stored = change.stored { index(stored, search: change.search, bulk: bulk) }
            for statement in speakerStatements {
                statements.search.add(statement.resource.id, fields: searchFields(of: statement.resource))
            }
        case .delete(let key):
            if let old = stored(key) { unindex(old) }
        }
    }

    /// Statements whose search fields change with `new`: those of a participant whose names or aliases change.
    private func speakerDependentStatements(old: Resource?, new: Resource) -> [StoredResource] {
        guard case .participant(let oldParticipant)? = old, case .participant(let newParticipant) = new,
            oldParticipant.name != newParticipant.name || oldParticipant.aliases != newParticipant.aliases
        else { return [] }
        return statements.ids(field: "participant", value: newParticipant.id.rawValue).compactMap {
            statements.resources[$0]
        }
    }

    /// Sorts what bulk `apply` calls added.
    mutating func restoreOrder() {
        for kind in ResourceKind.allCases { self[kind].restoreOrder() }
    }

    /// Replaces `kind`'s search index by one read back from a snapshot (its puts follow with `.indexed`).
    mutating func setSearchIndex(_ index: SearchIndex, of kind: ResourceKind) { self[kind].search = index }

    private mutating func index(_ stored: StoredResource, search: SearchEntry, bulk: Bool) {
        let resource = stored.resource
        let key = resource.key
        self[key.kind].insert(stored, deferringOrder: bulk)
        switch search {
        case .analyze: self[key.kind].search.add(key.id, fields: searchFields(of: resource))
        case .analyzed(let analyzed): self[key.kind].search.add(key.id, analyzed: analyzed)
        case .indexed: break
        }
        for reference in resource.references { referencedBy[reference.target, default: []].insert(key) }
        if case .article(let article) = resource, let url = article.url { articleURLs[url] = article.id }
    }

    private mutating func unindex(_ stored: StoredResource) {
        let resource = stored.resource
        let key = resource.key
        self[key.kind].search.remove(key.id, fields: searchFields(of: resource))
        self[key.kind].remove(stored)
        for reference in resource.references {
            referencedBy[reference.target]?.remove(key)
            if referencedBy[reference.target]?.isEmpty == true { referencedBy[reference.target] = nil }
        }
        if case .article(let article) = resource, let url = article.url, articleURLs[url] == article.id {
            articleURLs[url] = nil
        }
    }
}

/// A change with everything computed outside the write lock: its version and, for puts, the encoded resource.
struct PreparedChange: Sendable {
    /// The change as the change log records it.
    var change: Change
    /// The store-wide version it gets.
    var version: UInt64
    /// The new stored resource (puts only).
    var stored: StoredResource?
    /// How a put reaches the search index.
    var search = SearchEntry.analyze
}

/// How a put reaches its kind's search index.
package enum SearchEntry: Sendable {
    /// Its texts are analysed as it is applied.
    case analyze
    /// Its texts were analysed in advance (start-up analyses in parallel).
    case analyzed(AnalyzedDocument)
    /// The index already holds it (read back from a snapshot).
    case indexed
}
