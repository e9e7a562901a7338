import PeaceTalksModel

/// One searchable text of a resource and the field it is indexed in.
package struct SearchField: Sendable {
    /// The original text (snippets are cut from it).
    package var text: String
    /// The field number (see `SearchFields.weights(for:)`); several texts may share one field.
    package var field: Int
}

/// Which texts `q` searches per kind (API.md "Search") and how much a match in each field counts (BM25F weights:
/// titles and names above bodies). The biggest field of a kind is field 0: it keeps its positions small.
package enum SearchFields {
    /// The most fields a kind has.
    static let maximumCount = 4

    /// The weight of each field of `kind`, by field number.
    static func weights(for kind: ResourceKind) -> [Double] {
        switch kind {
        case .articles: [1, 3]  // body, title
        case .participants: [3, 1]  // names and aliases, role
        case .statements: [2, 1.5, 0.5, 1]  // text, translations, context, speaker's names and aliases
        case .talks: [1, 3, 2]  // summary, names, process
        }
    }

    /// The searchable texts of `resource`; `speaker` is a statement's participant (its names and aliases count).
    package static func fields(of resource: Resource, speaker: Participant?) -> [SearchField] {
        switch resource {
        case .article(let article):
            return [SearchField(text: article.title, field: 1), SearchField(text: article.body, field: 0)]
        case .participant(let participant):
            return (participant.name.texts + participant.aliases).map { SearchField(text: $0, field: 0) }
                + (participant.role?.texts ?? []).map { SearchField(text: $0, field: 1) }
        case .statement(let statement):
            return [SearchField(text: statement.text, field: 0)]
                + (statement.translation?.texts ?? []).map { SearchField(text: $0, field: 1) }
                + (statement.context.map { [SearchField(text: $0, field: 2)] } ?? [])
                + (speaker.map { ($0.name.texts + $0.aliases).map { SearchField(text: $0, field: 3) } } ?? [])
        case .talks(let talks):
            return talks.name.texts.map { SearchField(text: $0, field: 1) }
                + (talks.process.map { [SearchField(text: $0, field: 2)] } ?? [])
                + (talks.summary?.texts ?? []).map { SearchField(text: $0, field: 0) }
        }
    }
}
