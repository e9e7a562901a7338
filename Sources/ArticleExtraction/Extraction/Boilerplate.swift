/// Decides which subtrees of a page are not article text: scripts, styles and widgets by tag; navigation,
/// sidebars, share bars, comments, related links, ads and the like by `class`, `id` or `role` words; hidden
/// elements. Never the html/body elements, nor an ancestor of the article (`<article>`, `<main>`,
/// `[itemprop=articleBody]`, or the element with the most paragraph text), so that a wrapper such as
/// `<div class="page has-sidebar">` cannot take the article with it.
struct Boilerplate {
    /// Elements that never hold article text.
    private static let tags: Set<String> = [
        "head", "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "math",
        "button", "select", "option", "template", "object", "embed", "canvas", "input", "textarea", "label", "menu",
        "dialog", "video", "audio", "map",
    ]
    /// Words of `class`, `id` (split at `-`, `_`, camel case) that mark boilerplate.
    private static let words: Set<String> = [
        "nav", "navbar", "navigation", "menu", "menubar", "sidebar", "share", "sharing", "sharer", "social", "comment",
        "comments", "related", "footer", "breadcrumb", "breadcrumbs", "advert", "advertisement", "ad", "ads",
        "adsense", "newsletter", "cookie", "cookies", "subscribe", "subscription", "promo", "popup", "modal",
        "widget", "banner", "masthead", "toolbar", "pagination", "pager", "disqus", "outbrain", "taboola", "sponsor",
        "sponsored", "tags", "tagcloud", "print", "hidden", "skip", "byline", "dateline", "meta",
    ]
    /// `role` values that mark boilerplate.
    private static let roles: Set<String> = [
        "navigation", "complementary", "contentinfo", "banner", "menu", "menubar", "search", "dialog", "alert",
    ]

    /// `removed[i]`: node `i` starts a subtree that is not article text.
    private(set) var removed: [Bool]
    /// `removedWithAncestors[i]`: node `i` or an ancestor is removed.
    private var removedWithAncestors: [Bool]

    /// Marks the boilerplate of `document`.
    init(_ document: HTMLDocument) {
        let nodes = document.nodes
        removed = Array(repeating: false, count: nodes.count)
        var protected = Set<Int>()
        for anchor in Self.articleAnchors(document) {
            var current = anchor
            while current != 0 {
                protected.insert(current)
                current = nodes[current].parent
            }
        }
        for (index, node) in nodes.enumerated() where !node.isText && index != 0 {
            if ["script", "style", "head", "template", "noscript"].contains(node.name) {
                removed[index] = true
            } else if !protected.contains(index), !["html", "body"].contains(node.name), Self.isBoilerplate(node) {
                removed[index] = true
            }
        }
        // A parent always comes before its children in `nodes`, so one pass in order settles every node.
        removedWithAncestors = removed
        for index in nodes.indices.dropFirst() where removedWithAncestors[nodes[index].parent] {
            removedWithAncestors[index] = true
        }
    }

    /// Whether node `index` or an ancestor is removed.
    func isRemoved(_ index: Int) -> Bool { removedWithAncestors[index] }

    private static func isBoilerplate(_ node: HTMLDocument.Node) -> Bool {
        if tags.contains(node.name) { return true }
        if node.attribute("hidden") != nil || node.attribute("aria-hidden")?.lowercased() == "true" { return true }
        let style = (node.attribute("style") ?? "").lowercased().filter { !$0.isWhitespace }
        if style.contains("display:none") || style.contains("visibility:hidden") { return true }
        if let role = node.attribute("role")?.lowercased(), roles.contains(role) { return true }
        let names = [node.attribute("class"), node.attribute("id")].compactMap { $0 }
        return names.contains { !words.isDisjoint(with: classWords($0)) }
    }

    /// The words of a `class` or `id` value: split at whitespace, `-`, `_` and lower-to-upper case changes.
    static func classWords(_ value: String) -> Set<String> {
        var words: Set<String> = []
        var word = ""
        var previousWasLower = false
        for character in value {
            let isSeparator = character.isWhitespace || character == "-" || character == "_" || character == ":"
            if isSeparator || (previousWasLower && character.isUppercase) {
                if !word.isEmpty { words.insert(word.lowercased()) }
                word = isSeparator ? "" : String(character)
            } else {
                word.append(character)
            }
            previousWasLower = character.isLowercase
        }
        if !word.isEmpty { words.insert(word.lowercased()) }
        return words
    }

    /// The elements that hold the article: semantic containers and the parent with the most paragraph text.
    private static func articleAnchors(_ document: HTMLDocument) -> [Int] {
        var anchors: [Int] = []
        var paragraphText: [Int: Int] = [:]
        for (index, node) in document.nodes.enumerated() where !node.isText {
            if node.name == "article" || node.name == "main"
                || node.attribute("itemprop")?.lowercased() == "articlebody"
            {
                anchors.append(index)
            }
            if node.name == "p" {
                paragraphText[node.parent, default: 0] += document.text(of: index).count
            }
        }
        if let densest = paragraphText.max(by: { $0.value < $1.value })?.key { anchors.append(densest) }
        return anchors
    }
}
