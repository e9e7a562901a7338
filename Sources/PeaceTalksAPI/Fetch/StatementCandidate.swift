import PeaceTalksModel

/// A statement the extractor proposes (not stored): who said what, where, how sure.
struct StatementCandidate: Equatable {
    /// The speaker.
    var participant: ResourceID
    /// What was said: the quotation, or the reported passage (with its `أن`/`إن`).
    var text: String
    /// `direct` for a quotation, else `reported`.
    var kind: StatementKind
    /// The sentence it comes from.
    var context: String
    /// 0–1.
    var confidence: Double

    /// The wire form (openapi.json `StatementCandidate`).
    var jsonValue: JSONValue {
        [
            "participant": .string(participant.rawValue), "text": .string(text), "kind": .string(kind.rawValue),
            "context": .string(context), "confidence": .number((confidence * 100).rounded() / 100),
        ]
    }
}
