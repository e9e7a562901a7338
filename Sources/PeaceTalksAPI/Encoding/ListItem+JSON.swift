import PeaceTalksModel
import PeaceTalksStore

extension ListItem {
    /// The item as a list shows it: the store's cached bytes, except for an article with `include=body`, which
    /// gets its `body` right after its `excerpt` (openapi.json `ArticleListItem`).
    func listJSON(includeBody: Bool) -> [UInt8] {
        let bytes = json(includeBody: false)
        guard includeBody, case .article(let article) = stored.resource else { return bytes }
        return Self.addingBody(article.body, to: bytes).encoded()
    }

    /// An article list item (`listItemJSON`, possibly with `score` and `snippet`) with `body` after `excerpt`.
    static func addingBody(_ body: String, to listItem: [UInt8]) -> JSONValue {
        // The bytes are the store's own encoding: parsing them back cannot fail.
        guard let object = try? JSONParser.parseObject(listItem) else { return .null }
        var result = JSONObject()
        for member in object {
            result[member.key] = member.value
            if member.key == Article.excerptKey { result[Article.CodingKeys.body.rawValue] = .string(body) }
        }
        return .object(result)
    }
}
