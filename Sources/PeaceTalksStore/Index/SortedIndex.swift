import PeaceTalksModel

/// The resources of one kind in the order of its sort field: non-null keys ascending by (key, id), null keys by id.
/// Kept sorted on every write (binary search + insert), so an unfiltered page is a slice. A bulk load appends
/// instead and sorts once (`restoreOrder()`): inserting 100,000 positions in random order one by one moves
/// gigabytes.
struct SortedIndex: Sendable {
    private(set) var keyed: [SortPosition] = []
    private(set) var unkeyed: [ResourceID] = []
    /// How many leading positions of `keyed` and `unkeyed` are in order: those after them were appended and are
    /// sorted by `restoreOrder()`; reads must not happen meanwhile.
    private var orderedKeyed = 0
    private var orderedUnkeyed = 0

    /// Adds a position at the end, out of order until `restoreOrder()`.
    mutating func append(_ position: SortPosition) {
        if position.value == nil { unkeyed.append(position.id) } else { keyed.append(position) }
    }

    /// Sorts the positions `append` added (the ordered prefix is one run: it costs one pass).
    mutating func restoreOrder() {
        if orderedKeyed < keyed.count { keyed.sort { $0.precedes($1, descending: false) } }
        if orderedUnkeyed < unkeyed.count { unkeyed.sort() }
        orderedKeyed = keyed.count
        orderedUnkeyed = unkeyed.count
    }

    /// Adds a position.
    mutating func insert(_ position: SortPosition) {
        restoreOrder()
        if position.value == nil {
            unkeyed.insert(position.id, at: unkeyedBound(position.id))
            orderedUnkeyed += 1
        } else {
            keyed.insert(position, at: keyedBound(position))
            orderedKeyed += 1
        }
    }

    /// Removes a position: from the ordered prefix by binary search, else from what `append` added since the last
    /// `restoreOrder()` (a replay that updates a resource between appends must not sort everything each time).
    mutating func remove(_ position: SortPosition) {
        if position.value == nil {
            let index = unkeyedBound(position.id, below: orderedUnkeyed)
            if index < orderedUnkeyed, unkeyed[index] == position.id {
                unkeyed.remove(at: index)
                orderedUnkeyed -= 1
            } else if let index = unkeyed[orderedUnkeyed...].firstIndex(of: position.id) {
                unkeyed.remove(at: index)
            }
        } else {
            let index = keyedBound(position, below: orderedKeyed)
            if index < orderedKeyed, keyed[index] == position {
                keyed.remove(at: index)
                orderedKeyed -= 1
            } else if let index = keyed[orderedKeyed...].firstIndex(of: position) {
                keyed.remove(at: index)
            }
        }
    }

    /// The first index of `keyed` (of its first `limit` positions) not before `position` (ascending).
    func keyedBound(_ position: SortPosition, below limit: Int? = nil) -> Int {
        var low = 0
        var high = limit ?? keyed.count
        while low < high {
            let middle = (low + high) / 2
            if keyed[middle].precedes(position, descending: false) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The first index of `unkeyed` (of its first `limit` ids) not below `id`.
    func unkeyedBound(_ id: ResourceID, below limit: Int? = nil) -> Int {
        var low = 0
        var high = limit ?? unkeyed.count
        while low < high {
            let middle = (low + high) / 2
            if unkeyed[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Walks the positions after `after` (from the start when `nil`) in the given direction, calling `visit` until
    /// it returns `false`.
    func walk(descending: Bool, after: SortPosition?, _ visit: (SortPosition) -> Bool) {
        if descending {
            var keyedEnd = keyed.count
            var unkeyedEnd = unkeyed.count
            if let after {
                if after.value == nil {
                    keyedEnd = 0
                    unkeyedEnd = unkeyedBound(after.id)
                } else {
                    keyedEnd = keyedBound(after)
                }
            }
            for index in stride(from: keyedEnd - 1, through: 0, by: -1) where !visit(keyed[index]) { return }
            for index in stride(from: unkeyedEnd - 1, through: 0, by: -1)
            where !visit(SortPosition(value: nil, id: unkeyed[index])) { return }
        } else {
            var keyedStart = 0
            var unkeyedStart = 0
            if let after {
                if after.value == nil {
                    keyedStart = keyed.count
                    unkeyedStart = unkeyedBound(after.id)
                    if unkeyedStart < unkeyed.count, unkeyed[unkeyedStart] == after.id { unkeyedStart += 1 }
                } else {
                    keyedStart = keyedBound(after)
                    if keyedStart < keyed.count, keyed[keyedStart] == after { keyedStart += 1 }
                }
            }
            for index in keyedStart..<keyed.count where !visit(keyed[index]) { return }
            for index in unkeyedStart..<unkeyed.count where !visit(SortPosition(value: nil, id: unkeyed[index])) {
                return
            }
        }
    }

    /// The keyed positions whose key lies in `lower...upper` (either bound optional), ascending.
    func keyedRange(from lower: SortValue?, through upper: SortValue?) -> ArraySlice<SortPosition> {
        var start = 0
        var end = keyed.count
        if let lower {
            var low = 0
            var high = keyed.count
            while low < high {
                let middle = (low + high) / 2
                if keyed[middle].value! < lower { low = middle + 1 } else { high = middle }
            }
            start = low
        }
        if let upper {
            var low = start
            var high = keyed.count
            while low < high {
                let middle = (low + high) / 2
                if keyed[middle].value! <= upper { low = middle + 1 } else { high = middle }
            }
            end = low
        }
        return start <= end ? keyed[start..<end] : []
    }

    /// Every id, keyed and unkeyed.
    var count: Int { keyed.count + unkeyed.count }
}
