import PeaceTalksModel
import PeaceTalksStore

/// One place where the text names a participant: UTF-8 byte offsets into the text.
struct ParticipantMention: Equatable {
    var participant: ResourceID
    var kind: ParticipantKind
    var start: Int
    var end: Int
    /// Whether the text names the person by role (`وزير الخارجية الروسي`) rather than by name or alias.
    var byRole: Bool
}

/// Finds the participants a text names: every name and alias, analysed as search analyses text (API.md
/// "Search": NFKC, case and diacritics folded, Arabic letter variants unified, light stemming), matched as whole
/// term sequences, so on word boundaries. At each position the longest name wins; mentions do not overlap.
/// A person's role (`Foreign Minister of Russia`, `وزير الخارجية الروسي`) also counts, marked `byRole`: it tells
/// who speaks, but is not a mention of the participant's name.
struct ParticipantMatcher {
    private struct Name {
        var terms: [String]
        var participant: ResourceID
        var kind: ParticipantKind
        var byRole: Bool
    }

    /// Names by their first term, longest first.
    private let namesByFirstTerm: [String: [Name]]

    /// A matcher for `participants`.
    init(_ participants: [Participant]) {
        var table: [String: [Name]] = [:]
        for participant in participants {
            let names = Set(participant.name.texts + participant.aliases).map { ($0, false) }
            let roles = participant.kind == .person ? (participant.role?.texts ?? []).map { ($0, true) } : []
            for (spelling, byRole) in names + roles {
                let terms = TextAnalyzer.terms(spelling)
                guard let first = terms.first else { continue }
                let name = Name(terms: terms, participant: participant.id, kind: participant.kind, byRole: byRole)
                table[first, default: []].append(name)
            }
        }
        namesByFirstTerm = table.mapValues { $0.sorted { $0.terms.count > $1.terms.count } }
    }

    /// The mentions in `text`, in order.
    func mentions(in text: String) -> [ParticipantMention] {
        let tokens = TextAnalyzer.tokens(text)
        var mentions: [ParticipantMention] = []
        var index = 0
        while index < tokens.count {
            let match = namesByFirstTerm[tokens[index].term]?.first { name in
                index + name.terms.count <= tokens.count
                    && zip(name.terms, tokens[index...]).allSatisfy { $0 == $1.term }
            }
            guard let match else {
                index += 1
                continue
            }
            let last = tokens[index + match.terms.count - 1]
            mentions.append(
                ParticipantMention(
                    participant: match.participant, kind: match.kind, start: tokens[index].start, end: last.end,
                    byRole: match.byRole))
            index += match.terms.count
        }
        return mentions
    }
}
