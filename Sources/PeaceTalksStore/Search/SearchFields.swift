import PeaceTalksModel

/// One searchable field of a resource: its original text and its weight in the score.
struct SearchField: Sendable {
    /// The original text (snippets are cut from it).
    var text: String
    /// How much a match here counts compared with a body match (1).
    var weight: Double
}

/// Which fields `q` searches per kind (API.md "Search"), with their weights (a title counts three times a body).
enum SearchFields {
    /// The searchable fields of `resource`; `speaker` is a statement's participant (its names and aliases count).
    static func fields(of resource: Resource, speaker: Participant?) -> [SearchField] {
        switch resource {
        case .article(let article):
            return [SearchField(text: article.title, weight: 3), SearchField(text: article.body, weight: 1)]
        case .participant(let participant):
            return participant.name.texts.map { SearchField(text: $0, weight: 3) }
                + participant.aliases.map { SearchField(text: $0, weight: 3) }
                + (participant.role?.texts ?? []).map { SearchField(text: $0, weight: 1) }
        case .statement(let statement):
            return [SearchField(text: statement.text, weight: 2)]
                + (statement.translation?.texts ?? []).map { SearchField(text: $0, weight: 1.5) }
                + (statement.context.map { [SearchField(text: $0, weight: 0.5)] } ?? [])
                + (speaker.map(speakerFields) ?? [])
        case .talks(let talks):
            return talks.name.texts.map { SearchField(text: $0, weight: 3) }
                + (talks.process.map { [SearchField(text: $0, weight: 2)] } ?? [])
                + (talks.summary?.texts ?? []).map { SearchField(text: $0, weight: 1) }
        }
    }

    /// A speaker's names and aliases as fields of their statements.
    static func speakerFields(_ participant: Participant) -> [SearchField] {
        (participant.name.texts + participant.aliases).map { SearchField(text: $0, weight: 1) }
    }
}
