import Foundation

/// The metadata a page declares about itself: `<meta>` properties (Open Graph, article:*, name=author…),
/// `<link rel>`, `<title>`, `<html lang>`, JSON-LD and the first `<h1>` and `<time datetime>`.
struct PageMetadata {
    /// `<meta property|name|itemprop=KEY content=…>`, first value of each key (keys lower-cased).
    private(set) var meta: [String: String] = [:]
    /// `<link rel=canonical href>`.
    private(set) var canonicalHref: String?
    /// The text of `<a rel=author>` or `<link rel=author>`'s title.
    private(set) var relAuthor: String?
    /// `<title>`'s text.
    private(set) var documentTitle: String?
    /// The first `<h1>`'s text.
    private(set) var firstHeading: String?
    /// `<html lang>`.
    private(set) var htmlLanguage: String?
    /// The first `<time datetime>` (one marked `itemprop=datePublished` or `pubdate` preferred).
    private(set) var timeElement: String?
    /// Every object of every JSON-LD block, `@graph` members and array elements flattened.
    private(set) var jsonLD: [JSONLDValue] = []

    /// Reads the metadata of `document`.
    init(_ document: HTMLDocument) {
        var preferredTime: String?
        for (index, node) in document.nodes.enumerated() where !node.isText {
            switch node.name {
            case "meta":
                guard let content = node.attribute("content")?.trimmingHTMLWhitespace(), !content.isEmpty else {
                    continue
                }
                for key in ["property", "name", "itemprop"] {
                    if let name = node.attribute(key)?.lowercased(), meta[name] == nil { meta[name] = content }
                }
            case "link":
                let rel = Set((node.attribute("rel") ?? "").lowercased().split(whereSeparator: \.isWhitespace))
                if rel.contains("canonical"), canonicalHref == nil { canonicalHref = node.attribute("href") }
                if rel.contains("author"), relAuthor == nil { relAuthor = node.attribute("title") }
            case "a":
                let rel = Set((node.attribute("rel") ?? "").lowercased().split(whereSeparator: \.isWhitespace))
                if rel.contains("author"), relAuthor == nil { relAuthor = document.text(of: index) }
            case "title":
                if documentTitle == nil { documentTitle = document.text(of: index) }
            case "h1":
                if firstHeading == nil { firstHeading = document.text(of: index) }
            case "html":
                htmlLanguage = node.attribute("lang") ?? node.attribute("xml:lang")
            case "time":
                guard let value = node.attribute("datetime") else { continue }
                if timeElement == nil { timeElement = value }
                let isPublication = node.attribute("itemprop") == "datePublished" || node.attribute("pubdate") != nil
                if preferredTime == nil, isPublication {
                    preferredTime = value
                }
            case "script":
                guard node.attribute("type")?.lowercased().trimmingHTMLWhitespace() == "application/ld+json",
                    let value = JSONReader.parse(document.nodes[node.children.first ?? 0].text)
                else { continue }
                jsonLD += Self.flatten(value)
            default:
                break
            }
        }
        if let preferredTime { timeElement = preferredTime }
    }

    /// Objects of a JSON-LD value: arrays and `@graph` opened up (two levels deep).
    private static func flatten(_ value: JSONLDValue, depth: Int = 0) -> [JSONLDValue] {
        guard depth < 3 else { return [] }
        switch value {
        case .array(let values): return values.flatMap { flatten($0, depth: depth + 1) }
        case .object:
            let graph = value["@graph"].map { flatten($0, depth: depth + 1) } ?? []
            return [value] + graph
        default: return []
        }
    }

    /// The JSON-LD objects that describe an article, then the others.
    private var articleObjectsFirst: [JSONLDValue] {
        let articleTypes: Set<String> = [
            "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
            "opinionnewsarticle", "backgroundnewsarticle", "report", "webpage",
        ]
        let isArticle = { (object: JSONLDValue) in
            (object["@type"]?.elements ?? []).contains { articleTypes.contains(($0.string ?? "").lowercased()) }
        }
        return jsonLD.filter(isArticle) + jsonLD.filter { !isArticle($0) }
    }

    /// The first JSON-LD string for `key` (a string, or the first string of an array).
    func jsonLDString(_ key: String) -> String? {
        for object in articleObjectsFirst {
            if let value = object[key]?.elements.compactMap(\.string).first, !value.isEmpty { return value }
        }
        return nil
    }

    /// The JSON-LD author's name: `author` as a string, an object with `name`, or an array of either.
    var jsonLDAuthor: String? {
        for object in articleObjectsFirst {
            let names = (object["author"]?.elements ?? []).compactMap { $0.string ?? $0["name"]?.string }
            if !names.isEmpty { return names.joined(separator: ", ") }
        }
        return nil
    }

    /// The value of a `<meta>` key, if not empty.
    func metaValue(_ key: String) -> String? { meta[key] }
}
