/// The four resource kinds of the contract; the raw value is the URL path segment (`/v1/{kind}`).
package enum ResourceKind: String, CaseIterable, Hashable, Comparable, Sendable {
    case articles
    case participants
    case statements
    case talks

    /// Orders kinds by raw value so that lists of references are deterministic.
    package static func < (lhs: ResourceKind, rhs: ResourceKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A resource's identity across kinds: the pair the store keys everything by.
package struct ResourceKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The kind of the resource.
    package var kind: ResourceKind
    /// Its id within that kind.
    package var id: ResourceID

    /// Makes a key from its parts.
    package init(_ kind: ResourceKind, _ id: ResourceID) {
        self.kind = kind
        self.id = id
    }

    /// Orders by kind, then id.
    package static func < (lhs: ResourceKey, rhs: ResourceKey) -> Bool {
        lhs.kind != rhs.kind ? lhs.kind < rhs.kind : lhs.id < rhs.id
    }

    /// `kind/id`, for logs and test failures.
    package var description: String { "\(kind.rawValue)/\(id.rawValue)" }
}
