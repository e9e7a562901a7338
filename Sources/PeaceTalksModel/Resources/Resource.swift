import Foundation

/// A reference from one resource to another, with the JSON path of the referring field (`participants[1]`).
package struct Reference: Hashable, Sendable {
    /// The referring field's JSON path.
    package var field: String
    /// The resource referred to.
    package var target: ResourceKey
}

/// Any of the four resource kinds.
package enum Resource: Hashable, Sendable {
    case article(Article)
    case participant(Participant)
    case statement(Statement)
    case talks(Talks)

    /// The kind.
    package var kind: ResourceKind {
        switch self {
        case .article: .articles
        case .participant: .participants
        case .statement: .statements
        case .talks: .talks
        }
    }

    /// The id.
    package var id: ResourceID {
        get {
            switch self {
            case .article(let value): value.id
            case .participant(let value): value.id
            case .statement(let value): value.id
            case .talks(let value): value.id
            }
        }
        set {
            switch self {
            case .article(var value): value.id = newValue; self = .article(value)
            case .participant(var value): value.id = newValue; self = .participant(value)
            case .statement(var value): value.id = newValue; self = .statement(value)
            case .talks(var value): value.id = newValue; self = .talks(value)
            }
        }
    }

    /// The kind and id.
    package var key: ResourceKey { ResourceKey(kind, id) }

    /// The server-set creation time.
    package var createdAt: Date {
        switch self {
        case .article(let value): value.createdAt
        case .participant(let value): value.createdAt
        case .statement(let value): value.createdAt
        case .talks(let value): value.createdAt
        }
    }

    /// Sets `created_at` and `updated_at`.
    package mutating func setTimes(created: Date, updated: Date) {
        switch self {
        case .article(var value): value.createdAt = created; value.updatedAt = updated; self = .article(value)
        case .participant(var value):
            value.createdAt = created; value.updatedAt = updated; self = .participant(value)
        case .statement(var value): value.createdAt = created; value.updatedAt = updated; self = .statement(value)
        case .talks(var value): value.createdAt = created; value.updatedAt = updated; self = .talks(value)
        }
    }

    /// Every resource this one points at, with the referring field.
    package var references: [Reference] {
        func list(_ field: String, _ kind: ResourceKind, _ ids: [ResourceID]) -> [Reference] {
            ids.enumerated().map { Reference(field: "\(field)[\($0.offset)]", target: ResourceKey(kind, $0.element)) }
        }
        func one(_ field: String, _ kind: ResourceKind, _ id: ResourceID?) -> [Reference] {
            id.map { [Reference(field: field, target: ResourceKey(kind, $0))] } ?? []
        }
        switch self {
        case .article(let article):
            return list(Article.CodingKeys.talks.rawValue, .talks, article.talks)
                + list(Article.CodingKeys.participants.rawValue, .participants, article.participants)
        case .participant(let participant):
            return one(Participant.CodingKeys.affiliation.rawValue, .participants, participant.affiliation)
        case .statement(let statement):
            return one(Statement.CodingKeys.participant.rawValue, .participants, statement.participant)
                + one(Statement.CodingKeys.article.rawValue, .articles, statement.article)
                + one(Statement.CodingKeys.talks.rawValue, .talks, statement.talks)
        case .talks(let talks):
            return list(Talks.CodingKeys.participants.rawValue, .participants, talks.participants)
        }
    }

    /// The JSON form, fields in the contract's order.
    package var jsonValue: JSONValue {
        switch self {
        case .article(let value): value.jsonValue
        case .participant(let value): value.jsonValue
        case .statement(let value): value.jsonValue
        case .talks(let value): value.jsonValue
        }
    }

    /// Decodes and validates a resource of `kind` (see each type's `decode`).
    package static func decode(
        _ kind: ResourceKind, from value: JSONValue, id: ResourceID? = nil, mode: DecodingMode = .input
    ) -> Result<Resource, ValidationFailure> {
        switch kind {
        case .articles: Article.decode(from: value, id: id, mode: mode).map(Resource.article)
        case .participants: Participant.decode(from: value, id: id, mode: mode).map(Resource.participant)
        case .statements: Statement.decode(from: value, id: id, mode: mode).map(Resource.statement)
        case .talks: Talks.decode(from: value, id: id, mode: mode).map(Resource.talks)
        }
    }
}
