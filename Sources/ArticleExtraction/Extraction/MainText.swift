import Foundation

/// Finds the article's container by a Readability-style text-density score and renders its text as paragraphs.
///
/// Each paragraph-like element (`p`, `pre`, `td`, `blockquote`, and a `div` with no block children) with 25
/// characters or more scores 1 + its commas (`,` and `،`) + one per 100 characters (at most 3); the score goes to
/// its parent, half to the grandparent and a third to the great-grandparent. A container's score, plus a bonus
/// by tag and by `class`/`id` words, is scaled by 1 − its link density. An `[itemprop=articleBody]` element with
/// text wins outright; otherwise the best container, widened to an enclosing `<article>` or `<main>` that adds
/// little, and joined by siblings that score well.
struct MainText {
    private static let blockElements: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "section", "article", "tr", "dd",
        "dt", "figcaption", "ul", "ol", "dl", "table", "main", "address", "figure", "br", "hr", "center",
    ]
    private static let paragraphElements: Set<String> = ["p", "pre", "td", "blockquote"]
    private static let positiveWords: Set<String> = [
        "article", "body", "content", "entry", "main", "page", "post", "text", "story", "blog",
    ]

    private let document: HTMLDocument
    private let boilerplate: Boilerplate

    init(_ document: HTMLDocument, boilerplate: Boilerplate) {
        self.document = document
        self.boilerplate = boilerplate
    }

    /// The article text: paragraphs separated by a blank line; a first paragraph equal to `title` left out.
    func extract(title: String?) -> String {
        var blocks = containers().flatMap(render)
        if let title, let first = blocks.first, first.text == title.collapsingHTMLWhitespace() {
            blocks.removeFirst()
        }
        return blocks.filter { $0.linkCharacters * 2 <= $0.text.count }.map(\.text).joined(separator: "\n\n")
    }

    /// The elements whose text is the article, in document order.
    private func containers() -> [Int] {
        let nodes = document.nodes
        let live = { (index: Int) in !boilerplate.isRemoved(index) }
        if let body = nodes.indices.first(where: {
            nodes[$0].attribute("itemprop")?.lowercased() == "articlebody" && live($0)
        }), text(of: body).count >= 140 {
            return [body]
        }
        var scores: [Int: Double] = [:]
        for index in nodes.indices where !nodes[index].isText && isParagraphLike(index) && live(index) {
            let paragraph = text(of: index)
            let length = paragraph.count
            guard length >= 25 else { continue }
            let commas = paragraph.unicodeScalars.filter { $0 == "," || $0 == "\u{060C}" }.count
            let score = 1 + Double(commas) + Double(min(length / 100, 3))
            var ancestor = nodes[index].parent
            for level in 0..<3 where ancestor != 0 {
                if scores[ancestor] == nil { scores[ancestor] = initialScore(ancestor) }
                scores[ancestor]! += score / Double(level == 0 ? 1 : level + 1)
                ancestor = nodes[ancestor].parent
            }
        }
        for (index, score) in scores { scores[index] = score * (1 - linkDensity(index)) }
        guard var best = scores.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key
        else { return [0] }
        let bestLength = text(of: best).count
        var ancestor = nodes[best].parent
        while ancestor != 0 {
            if ["article", "main"].contains(nodes[ancestor].name),
                Double(bestLength) >= 0.6 * Double(text(of: ancestor).count)
            {
                best = ancestor
                break
            }
            ancestor = nodes[ancestor].parent
        }
        let threshold = max(10, 0.2 * (scores[best] ?? 0))
        let parent = nodes[best].parent
        guard parent != best else { return [best] }
        return nodes[parent].children.filter { sibling in
            if sibling == best { return true }
            guard !nodes[sibling].isText, live(sibling) else { return false }
            if let score = scores[sibling], score >= threshold { return true }
            return nodes[sibling].name == "p" && text(of: sibling).count > 80 && linkDensity(sibling) < 0.25
        }
    }

    /// `p`, `pre`, `td`, `blockquote`, or a `div` without block children (Readability's div-to-p).
    private func isParagraphLike(_ index: Int) -> Bool {
        let node = document.nodes[index]
        if Self.paragraphElements.contains(node.name) { return true }
        guard node.name == "div" else { return false }
        return !node.children.contains { Self.blockElements.contains(document.nodes[$0].name) }
    }

    private func initialScore(_ index: Int) -> Double {
        let node = document.nodes[index]
        var score: Double =
            switch node.name {
            case "div", "article", "main": 5
            case "pre", "td", "blockquote", "section": 3
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": -3
            case "h1", "h2", "h3", "h4", "h5", "h6", "th": -5
            default: 0
            }
        for value in [node.attribute("class"), node.attribute("id")].compactMap({ $0 })
        where !Self.positiveWords.isDisjoint(with: Boilerplate.classWords(value)) {
            score += 25
        }
        if node.attribute("itemprop")?.lowercased() == "articlebody" { score += 50 }
        return score
    }

    /// The live text under `index`.
    private func text(of index: Int) -> String {
        document.text(of: index) { boilerplate.removed[$0] }
    }

    /// The share of the live text under `index` that is inside links.
    private func linkDensity(_ index: Int) -> Double {
        let total = text(of: index).count
        guard total > 0 else { return 0 }
        let linked = document.descendants(of: index) { boilerplate.removed[$0] }
            .filter { document.nodes[$0].name == "a" }
            .reduce(0) { $0 + text(of: $1).count }
        return min(1, Double(linked) / Double(total))
    }

    /// One paragraph of output and how much of it is link text.
    private struct Block {
        var text: String
        var linkCharacters: Int
    }

    /// The paragraphs of `container`: a new one at every block element and `<br>`.
    private func render(_ container: Int) -> [Block] {
        var blocks: [Block] = []
        var raw = ""
        var linkCharacters = 0
        func flush() {
            // No-break spaces at the edges of a paragraph are indentation, not text.
            let text = raw.collapsingHTMLWhitespace().trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { blocks.append(Block(text: text, linkCharacters: min(linkCharacters, text.count))) }
            raw = ""
            linkCharacters = 0
        }
        func walk(_ index: Int, inLink: Bool) {
            let node = document.nodes[index]
            if node.isText {
                raw += node.text
                if inLink { linkCharacters += node.text.collapsingHTMLWhitespace().count }
                return
            }
            guard !boilerplate.removed[index] else { return }
            let isBlock = Self.blockElements.contains(node.name)
            if isBlock { flush() }
            for child in node.children { walk(child, inLink: inLink || node.name == "a") }
            if isBlock { flush() }
        }
        walk(container, inLink: false)
        flush()
        return blocks
    }
}
