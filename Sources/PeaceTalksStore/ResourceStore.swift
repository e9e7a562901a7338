import PeaceTalksModel

/// Everything the API needs from a store. Implementations serialise writes, let reads run in parallel, and never
/// show a reader half a write. `ifMatch` is the raw `If-Match` header value (`*`, or a list of strong ETags).
package protocol ResourceStore: Sendable {
    /// The resource of `kind` with `id`, if any.
    func get(_ kind: ResourceKind, id: ResourceID) -> StoredResource?

    /// The article whose `url` is `url`, if any.
    func article(withURL url: String) -> StoredResource?

    /// How many resources of `kind` there are.
    func count(_ kind: ResourceKind) -> Int

    /// Stores a new resource; an `.unassigned` id is generated (slug of the English name for participants and
    /// talks, a time-sortable id for articles and statements). Sets `created_at`/`updated_at`.
    func create(_ resource: Resource) throws(StoreError) -> StoredResource

    /// Creates or replaces the resource with the resource's id (`created` tells which). Keeps `created_at`
    /// (and an article's `fetched_at` when the new value has none).
    func replace(_ resource: Resource, ifMatch: String?) throws(StoreError) -> (stored: StoredResource, created: Bool)

    /// Atomically reads, transforms and writes one resource (PATCH); the transform must keep kind and id.
    func update(
        _ kind: ResourceKind, id: ResourceID, ifMatch: String?,
        _ transform: (Resource) throws(StoreError) -> Resource
    ) throws(StoreError) -> StoredResource

    /// Deletes a resource nothing references.
    func delete(_ kind: ResourceKind, id: ResourceID, ifMatch: String?) throws(StoreError)

    /// One page of a filtered, sorted list.
    func list(_ query: ListQuery) throws(StoreError) -> ListPage

    /// One page of a relevance-ranked search over several kinds.
    func search(_ query: SearchQuery) throws(StoreError) -> ListPage

    /// The articles and statements of a round, in time order.
    func timeline(talks id: ResourceID) throws(StoreError) -> [TimelineItem]

    /// Counts per period, empty periods included.
    func volume(_ query: VolumeQuery) throws(StoreError) -> [VolumeBucket]

    /// A number that grows with every applied change (equal numbers: the same data), or nil when the store cannot
    /// tell; lets a reader cache what it derived from the data (`ResponseCache`).
    var generation: UInt64? { get }
}

extension ResourceStore {
    /// Unknown: nothing derived from this store is cached.
    package var generation: UInt64? { nil }
}
