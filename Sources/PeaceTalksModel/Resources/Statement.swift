import Foundation

/// Whether a statement is quoted word for word or reported.
package enum StatementKind: String, CaseIterable, Hashable, Sendable {
    case direct, reported
}

/// Something a participant said.
package struct Statement: Hashable, Sendable {
    /// The wire names, in the contract's order.
    package enum CodingKeys: String, CaseIterable {
        case id, participant, text, language, kind, article, talks
        case saidOn = "said_on"
        case topics, translation, context
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    /// The id (`.unassigned` until the store generates one).
    package var id: ResourceID
    /// The speaker.
    package var participant: ResourceID
    /// What was said, in the original language.
    package var text: String
    /// The BCP 47 tag of `text`.
    package var language: String
    /// Direct quote or reported speech.
    package var kind: StatementKind
    /// The article it was reported in.
    package var article: ResourceID?
    /// The round it belongs to.
    package var talks: ResourceID?
    /// When it was said.
    package var saidOn: CalendarDate?
    /// Free tags such as `ceasefire`.
    package var topics: [String]
    /// Translations.
    package var translation: LocalizedText?
    /// The sentence or paragraph around it.
    package var context: String?
    /// Set by the store on create.
    package var createdAt: Date
    /// Set by the store on every change.
    package var updatedAt: Date

    /// Makes a statement; the times default to the epoch (the store sets them).
    package init(
        id: ResourceID = .unassigned, participant: ResourceID, text: String, language: String,
        kind: StatementKind = .reported, article: ResourceID? = nil, talks: ResourceID? = nil,
        saidOn: CalendarDate? = nil, topics: [String] = [], translation: LocalizedText? = nil,
        context: String? = nil,
        createdAt: Date = Date(timeIntervalSince1970: 0), updatedAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.participant = participant
        self.text = text
        self.language = language
        self.kind = kind
        self.article = article
        self.talks = talks
        self.saidOn = saidOn
        self.topics = topics
        self.translation = translation
        self.context = context
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Decodes and validates a statement, reporting every broken rule. `id` is the URL's id, if any.
    package static func decode(
        from value: JSONValue, id: ResourceID? = nil, mode: DecodingMode = .input
    ) -> Result<Statement, ValidationFailure> {
        var reader = FieldReader(value, trustingText: mode == .replay)
        let resolvedID = reader.resourceID(given: id, mode: mode)
        let participant = reader.id(CodingKeys.participant.rawValue, required: true)
        let text = reader.string(CodingKeys.text.rawValue, required: true, maxLength: FieldLimits.longText)
        let language = reader.languageTag(CodingKeys.language.rawValue, required: true)
        let kind = reader.enumeration(CodingKeys.kind.rawValue, as: StatementKind.self) ?? .reported
        let article = reader.id(CodingKeys.article.rawValue)
        let talks = reader.id(CodingKeys.talks.rawValue)
        let saidOn = reader.date(CodingKeys.saidOn.rawValue)
        let topics = reader.stringList(
            CodingKeys.topics.rawValue, maxCount: FieldLimits.topicCount, maxLength: FieldLimits.topic)
        let translation = reader.localizedText(CodingKeys.translation.rawValue, maxLength: FieldLimits.longText)
        let context = reader.string(CodingKeys.context.rawValue, maxLength: FieldLimits.longText)
        let times = reader.serverTimes(mode: mode)
        reader.rejectUnknown(known: CodingKeys.self)
        guard reader.errors.isEmpty, let participant, let text, let language else {
            return .failure(ValidationFailure(reader.errors))
        }
        return .success(
            Statement(
                id: resolvedID, participant: participant, text: text, language: language, kind: kind,
                article: article, talks: talks, saidOn: saidOn, topics: topics, translation: translation,
                context: context, createdAt: times.created, updatedAt: times.updated))
    }

    /// The JSON form, fields in the contract's order.
    package var jsonValue: JSONValue {
        var object = JSONObject()
        for key in CodingKeys.allCases {
            switch key {
            case .id: object[key.rawValue] = .string(id.rawValue)
            case .participant: object[key.rawValue] = .string(participant.rawValue)
            case .text: object[key.rawValue] = .string(text)
            case .language: object[key.rawValue] = .string(language)
            case .kind: object[key.rawValue] = .string(kind.rawValue)
            case .article: object[key.rawValue] = article.jsonValue
            case .talks: object[key.rawValue] = talks.jsonValue
            case .saidOn: object[key.rawValue] = saidOn.jsonValue
            case .topics: object[key.rawValue] = topics.jsonValue
            case .translation: object[key.rawValue] = translation.jsonValue
            case .context: object[key.rawValue] = context.jsonValue
            case .createdAt: object[key.rawValue] = createdAt.jsonValue
            case .updatedAt: object[key.rawValue] = updatedAt.jsonValue
            }
        }
        return .object(object)
    }
}
