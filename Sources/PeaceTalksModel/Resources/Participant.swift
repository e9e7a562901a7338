import Foundation

/// What kind of actor a participant is.
package enum ParticipantKind: String, CaseIterable, Hashable, Sendable {
    case person, delegation, state, organization
    case armedGroup = "armed_group"
}

/// The side a participant takes in the talks.
package enum ParticipantSide: String, CaseIterable, Hashable, Sendable {
    case government, opposition, guarantor, mediator, host, observer
}

/// Someone who takes part in the talks or is quoted.
package struct Participant: Hashable, Sendable {
    /// The wire names, in the contract's order.
    package enum CodingKeys: String, CaseIterable {
        case id, kind, name, aliases, role, affiliation, side
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    /// The id (`.unassigned` until the store generates one).
    package var id: ResourceID
    /// Person, delegation, state, organisation or armed group.
    package var kind: ParticipantKind
    /// The name in one or more languages.
    package var name: LocalizedText
    /// Other spellings, any script.
    package var aliases: [String]
    /// The role, e.g. "UN Special Envoy for Syria".
    package var role: LocalizedText?
    /// The participant (delegation, state, organisation) this one belongs to.
    package var affiliation: ResourceID?
    /// The side taken.
    package var side: ParticipantSide?
    /// Set by the store on create.
    package var createdAt: Date
    /// Set by the store on every change.
    package var updatedAt: Date

    /// Makes a participant; the times default to the epoch (the store sets them).
    package init(
        id: ResourceID = .unassigned, kind: ParticipantKind, name: LocalizedText, aliases: [String] = [],
        role: LocalizedText? = nil, affiliation: ResourceID? = nil, side: ParticipantSide? = nil,
        createdAt: Date = Date(timeIntervalSince1970: 0), updatedAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.role = role
        self.affiliation = affiliation
        self.side = side
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Decodes and validates a participant, reporting every broken rule. `id` is the URL's id, if any.
    package static func decode(
        from value: JSONValue, id: ResourceID? = nil, mode: DecodingMode = .input
    ) -> Result<Participant, ValidationFailure> {
        var reader = FieldReader(value, trustingText: mode == .replay)
        let resolvedID = reader.resourceID(given: id, mode: mode)
        let kind = reader.enumeration(CodingKeys.kind.rawValue, as: ParticipantKind.self, required: true)
        let name = reader.localizedText(CodingKeys.name.rawValue, required: true, maxLength: FieldLimits.shortText)
        let aliases = reader.stringList(
            CodingKeys.aliases.rawValue, maxCount: FieldLimits.aliasCount, maxLength: FieldLimits.shortText)
        let role = reader.localizedText(CodingKeys.role.rawValue, maxLength: FieldLimits.shortText)
        let affiliation = reader.id(CodingKeys.affiliation.rawValue)
        let side = reader.enumeration(CodingKeys.side.rawValue, as: ParticipantSide.self)
        let times = reader.serverTimes(mode: mode)
        reader.rejectUnknown(known: CodingKeys.self)
        if let affiliation, !resolvedID.isUnassigned, affiliation == resolvedID {
            reader.fail(CodingKeys.affiliation.rawValue, "must not be the participant itself")
        }
        guard reader.errors.isEmpty, let kind, let name else { return .failure(ValidationFailure(reader.errors)) }
        return .success(
            Participant(
                id: resolvedID, kind: kind, name: name, aliases: aliases, role: role, affiliation: affiliation,
                side: side, createdAt: times.created, updatedAt: times.updated))
    }

    /// The JSON form, fields in the contract's order.
    package var jsonValue: JSONValue {
        var object = JSONObject()
        for key in CodingKeys.allCases {
            switch key {
            case .id: object[key.rawValue] = .string(id.rawValue)
            case .kind: object[key.rawValue] = .string(kind.rawValue)
            case .name: object[key.rawValue] = name.jsonValue
            case .aliases: object[key.rawValue] = aliases.jsonValue
            case .role: object[key.rawValue] = role.jsonValue
            case .affiliation: object[key.rawValue] = affiliation.jsonValue
            case .side: object[key.rawValue] = side.map { .string($0.rawValue) } ?? .null
            case .createdAt: object[key.rawValue] = createdAt.jsonValue
            case .updatedAt: object[key.rawValue] = updatedAt.jsonValue
            }
        }
        return .object(object)
    }
}
