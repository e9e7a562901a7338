/// Text in several languages: BCP 47 tag → string, in the order given, at least one entry.
package struct LocalizedText: Hashable, Sendable {
    /// The entries in order; tags are unique (case-insensitively).
    package private(set) var entries: [(tag: String, text: String)]

    /// Makes a LocalizedText; `nil` when `entries` is empty or repeats a tag.
    package init?(_ entries: [(tag: String, text: String)]) {
        let tags = entries.map { $0.tag.lowercased() }
        guard !entries.isEmpty, Set(tags).count == tags.count else { return nil }
        self.entries = entries
    }

    /// The text for `tag` (case-insensitive exact match).
    package subscript(tag: String) -> String? {
        let wanted = tag.lowercased()
        return entries.first { $0.tag.lowercased() == wanted }?.text
    }

    /// The English text (`en` or an `en-*` tag), if any.
    package var english: String? {
        self["en"] ?? entries.first { LanguageTag.primaryLanguage(of: $0.tag) == "en" }?.text
    }

    /// The English text, else the first entry: what lists sort by and slugs are made from.
    package var preferred: String { english ?? entries[0].text }

    /// All texts in order.
    package var texts: [String] { entries.map(\.text) }

    /// The JSON object form.
    package var jsonValue: JSONValue {
        var object = JSONObject()
        for entry in entries { object[entry.tag] = .string(entry.text) }
        return .object(object)
    }

    /// Entries are equal in order.
    package static func == (lhs: LocalizedText, rhs: LocalizedText) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.tag == $1.tag && $0.text == $1.text }
    }

    /// Hashes the entries in order.
    package func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.tag)
            hasher.combine(entry.text)
        }
    }
}
