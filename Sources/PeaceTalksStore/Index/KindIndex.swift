import PeaceTalksModel

/// Everything the store keeps for one kind: the resources, the filter indexes, the sort index and the search index.
struct KindIndex: Sendable {
    /// The kind indexed.
    let kind: ResourceKind
    /// The field the sorted index is ordered by.
    let sortField: SortField
    /// The resources by id.
    private(set) var resources: [ResourceID: StoredResource] = [:]
    /// Filter field → value → ids.
    private(set) var filters: [String: [String: Set<ResourceID>]] = [:]
    /// The resources in sort order.
    private(set) var sorted = SortedIndex()
    /// `q`'s inverted index.
    var search: SearchIndex

    init(kind: ResourceKind) {
        self.kind = kind
        search = SearchIndex(kind: kind)
        sortField = ListSort.defaultSort(for: kind).field
    }

    /// Files `stored` in every index but the search index (which needs cross-kind data; see `StoreState`);
    /// `deferringOrder` leaves the sorted index out of order until `restoreOrder()`.
    mutating func insert(_ stored: StoredResource, deferringOrder: Bool = false) {
        let id = stored.resource.id
        resources[id] = stored
        for (field, value) in FilterValues.of(stored.resource) {
            filters[field, default: [:]][value, default: []].insert(id)
        }
        let position = SortPosition(value: SortValue.of(stored.resource, field: sortField), id: id)
        if deferringOrder { sorted.append(position) } else { sorted.insert(position) }
    }

    /// Sorts what `insert(_:deferringOrder:)` appended.
    mutating func restoreOrder() { sorted.restoreOrder() }

    /// Removes `stored` from every index but the search index.
    mutating func remove(_ stored: StoredResource) {
        let id = stored.resource.id
        resources[id] = nil
        for (field, value) in FilterValues.of(stored.resource) {
            filters[field]?[value]?.remove(id)
            if filters[field]?[value]?.isEmpty == true { filters[field]?[value] = nil }
            if filters[field]?.isEmpty == true { filters[field] = nil }
        }
        sorted.remove(SortPosition(value: SortValue.of(stored.resource, field: sortField), id: id))
    }

    /// The ids filed under `value` of `field`.
    func ids(field: String, value: String) -> Set<ResourceID> { filters[field]?[value] ?? [] }
}
