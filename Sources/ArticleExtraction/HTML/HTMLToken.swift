/// One attribute of a start tag.
package struct HTMLAttribute: Sendable, Equatable {
    /// The name, ASCII lower-cased.
    package var name: String
    /// The value, character references decoded.
    package var value: String
}

/// A start tag.
package struct HTMLTag: Sendable, Equatable {
    /// The tag name, ASCII lower-cased.
    package var name: String
    /// The attributes in source order, the first of each name only.
    package var attributes: [HTMLAttribute]
    /// Whether it ended with `/>`.
    package var selfClosing: Bool

    /// The value of the attribute `name` (lower case), or nil.
    package func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
}

/// What the tokenizer produces.
package enum HTMLToken: Sendable, Equatable {
    /// A start tag.
    case startTag(HTMLTag)
    /// An end tag, by lower-cased name.
    case endTag(String)
    /// Character data, references decoded (raw inside `script` and `style`).
    case text(String)
    /// A comment's content.
    case comment(String)
    /// A `<!DOCTYPE …>`.
    case doctype
}
