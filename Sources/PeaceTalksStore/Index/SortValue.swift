import Foundation
import PeaceTalksModel

/// A sort key: a day or millisecond count, a folded name, or a score.
enum SortValue: Hashable, Comparable, Sendable {
    case integer(Int64)
    case text(String)
    case score(Double)

    /// The key `resource` sorts by under `field`; `nil` when the field is null (such items go last).
    static func of(_ resource: Resource, field: SortField) -> SortValue? {
        switch (field, resource) {
        case (.publishedAt, .article(let article)):
            article.publishedAt.map { .integer(Int64(($0.timeIntervalSince1970 * 1000).rounded())) }
        case (.saidOn, .statement(let statement)): statement.saidOn.map { .integer(Int64($0.daysSinceEpoch)) }
        case (.startDate, .talks(let talks)): talks.startDate.map { .integer(Int64($0.daysSinceEpoch)) }
        case (.name, .participant(let participant)): .text(participant.name.preferred.lowercased())
        default: nil
        }
    }

    /// The JSON form kept in cursors.
    var jsonValue: JSONValue {
        switch self {
        case .integer(let value): ["i": .string(String(value))]
        case .text(let value): ["t": .string(value)]
        case .score(let value): ["s": .number(value)]
        }
    }

    /// Reads the cursor form back.
    init?(json: JSONValue) {
        guard let object = json.objectValue, object.count == 1 else { return nil }
        switch (object["i"], object["t"], object["s"]) {
        case (.string(let text)?, nil, nil):
            guard let value = Int64(text) else { return nil }
            self = .integer(value)
        case (nil, .string(let text)?, nil): self = .text(text)
        case (nil, nil, .number(let value)?): self = .score(value)
        default: return nil
        }
    }
}

/// A place in a sorted list: the sort key (nil = null) and the tie-breaking id.
struct SortPosition: Hashable, Sendable {
    var value: SortValue?
    var id: ResourceID

    /// Whether `self` comes before `other`: non-null keys first in the requested direction, then nulls; ties by id
    /// in the same direction, so the descending order is the exact reverse of the ascending one within each group.
    func precedes(_ other: SortPosition, descending: Bool) -> Bool {
        switch (value, other.value) {
        case (nil, .some): return false
        case (.some, nil): return true
        case (.some(let lhs), .some(let rhs)) where lhs != rhs: return descending ? rhs < lhs : lhs < rhs
        default: return descending ? other.id < id : id < other.id
        }
    }
}
