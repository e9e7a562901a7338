import PeaceTalksModel

/// The values a resource is filed under for each list filter of its kind (API.md "Lists"). Text values are
/// lower-cased, so `language=EN` and `source=ElMaouid` match; a language tag is also filed under its primary
/// language, so `language=en` finds `en-GB`.
enum FilterValues {
    /// Filter field → values for `resource`.
    static func of(_ resource: Resource) -> [(field: String, value: String)] {
        var values: [(String, String)] = []
        func language(_ tag: String) {
            values.append(("language", tag.lowercased()))
            let primary = LanguageTag.primaryLanguage(of: tag)
            if primary != tag.lowercased() { values.append(("language", primary)) }
        }
        switch resource {
        case .article(let article):
            language(article.language)
            if let source = article.source { values.append(("source", source.lowercased())) }
            values += article.participants.map { ("participant", $0.rawValue) }
            values += article.talks.map { ("talks", $0.rawValue) }
        case .participant(let participant):
            values.append(("kind", participant.kind.rawValue))
            if let side = participant.side { values.append(("side", side.rawValue)) }
            if let affiliation = participant.affiliation { values.append(("affiliation", affiliation.rawValue)) }
        case .statement(let statement):
            values.append(("participant", statement.participant.rawValue))
            if let talks = statement.talks { values.append(("talks", talks.rawValue)) }
            if let article = statement.article { values.append(("article", article.rawValue)) }
            language(statement.language)
            values.append(("kind", statement.kind.rawValue))
            var topics: Set<String> = []
            for topic in statement.topics where topics.insert(topic.lowercased()).inserted {
                values.append(("topic", topic.lowercased()))
            }
        case .talks(let talks):
            if let process = talks.process { values.append(("process", process.lowercased())) }
            values += talks.participants.map { ("participant", $0.rawValue) }
        }
        return values
    }

    /// The lookup form of a filter value given in a query.
    static func normalize(_ value: String, field: String) -> String {
        switch field {
        case "language", "source", "topic", "process": value.nfc.lowercased()
        default: value
        }
    }
}
