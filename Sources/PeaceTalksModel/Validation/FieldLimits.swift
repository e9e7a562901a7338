/// String and list length limits of the model. Lengths count Unicode scalar values after NFC normalisation;
/// every string must also contain something other than whitespace.
///
/// | what | limit |
/// |---|---|
/// | `id`, participant/talks/article references | 64 |
/// | each LocalizedText entry of `name`, `role`; each alias; `source`, `section`, `author`, `process`, city | 500 |
/// | `title` | 1,000 |
/// | `body` | 1,048,576 (bounded first by the 1 MiB HTTP body limit) |
/// | `text`, `context`, each LocalizedText entry of `summary`, `translation` | 20,000 |
/// | each topic | 64 (≤ 50 topics) |
/// | aliases | ≤ 100 |
/// | reference lists (`participants`, `talks`) | ≤ 1,000 entries |
/// | LocalizedText | 1–50 entries; language tags ≤ 35 chars |
/// | `url` | 2,048 |
package enum FieldLimits {
    /// Names, aliases, roles, outlet names, process names, cities.
    package static let shortText = 500
    /// Article titles.
    package static let title = 1_000
    /// Article bodies.
    package static let body = 1_048_576
    /// Statement text and context, summaries, translations.
    package static let longText = 20_000
    /// One topic tag.
    package static let topic = 64
    /// Topics per statement.
    package static let topicCount = 50
    /// Aliases per participant.
    package static let aliasCount = 100
    /// Entries of a reference list.
    package static let referenceCount = 1_000
    /// Entries of a LocalizedText.
    package static let localizedEntryCount = 50
}
