/// Where an article keeps its body: a string of its own, or the string literal inside the article's own compact
/// JSON, decoded on each read. A stored article holds that JSON anyway (it is what GET serves), and the body is most
/// of it: keeping the text a second time would nearly double the memory of every stored article.
///
/// Equal and hashed by text, whatever the storage.
struct ArticleBody: Hashable, Sendable {
    private enum Storage: Sendable {
        case text(String)
        /// The JSON and the offset of the body literal's opening quote in it.
        case json([UInt8], literalAt: Int)
    }

    private var storage: Storage

    /// A body kept as a string.
    init(_ text: String) { storage = .text(text) }

    /// A body kept as the literal at `offset` of `json` (shared, not copied).
    init(json: [UInt8], literalAt offset: Int) { storage = .json(json, literalAt: offset) }

    /// The text.
    var text: String {
        switch storage {
        case .text(let text): text
        // The literal was parsed before it was stored here, and the bytes cannot change: this cannot fail.
        case .json(let json, let offset): try! JSONParser.string(in: json, literalAt: offset)
        }
    }

    /// The JSON the body is kept in, if it is (tests check that it is the stored JSON itself, not a copy).
    var json: [UInt8]? {
        if case .json(let json, _) = storage { return json }
        return nil
    }

    static func == (lhs: ArticleBody, rhs: ArticleBody) -> Bool { lhs.text == rhs.text }

    func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The offset of the opening quote of the top-level `body` member's value in an article's compact JSON, as
    /// `Article.jsonValue` writes it (`body` comes after `id` and `title`, both strings); nil for any other shape.
    static func literalOffset(in json: [UInt8]) -> Int? {
        guard json.first == UInt8(ascii: "{") else { return nil }
        var position = 1
        while let keyEnd = endOfString(in: json, at: position), keyEnd + 1 < json.count,
            json[keyEnd] == UInt8(ascii: ":"), json[keyEnd + 1] == UInt8(ascii: "\"")
        {
            if json[(position + 1)..<(keyEnd - 1)].elementsEqual("body".utf8) { return keyEnd + 1 }
            guard let valueEnd = endOfString(in: json, at: keyEnd + 1), valueEnd < json.count,
                json[valueEnd] == UInt8(ascii: ",")
            else { return nil }
            position = valueEnd + 1
        }
        return nil
    }

    /// The offset just past the string literal that opens at `start` in `json`, or nil if none opens there.
    static func endOfString(in json: [UInt8], at start: Int) -> Int? {
        guard start < json.count, json[start] == UInt8(ascii: "\"") else { return nil }
        var position = start + 1
        while true {
            position = JSONParser.endOfPlainRun(in: json, from: position)
            guard position < json.count else { return nil }
            switch json[position] {
            case UInt8(ascii: "\""): return position + 1
            case UInt8(ascii: "\\"): position += 2
            default: position += 1  // a raw control byte, which the encoder never writes
            }
        }
    }
}
