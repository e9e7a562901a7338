/// A parsed page: the elements and text of HTML as a tree, built by a simplified HTML tree builder that knows the
/// implied end tags news pages rely on (`<p>` closed by a block, `<li>` by the next `<li>`, table cells) and
/// recovers from anything else by ignoring stray end tags. Nodes live in one array; index 0 is the root.
package struct HTMLDocument: Sendable {
    /// One element or text node.
    package struct Node: Sendable {
        /// The element name (lower case); empty for a text node, `#root` for the root.
        package var name: String
        /// The element's attributes.
        package var attributes: [HTMLAttribute] = []
        /// A text node's text (raw, entities decoded).
        package var text = ""
        /// The parent's index (the root is its own parent).
        package var parent: Int
        /// The children's indices, in order.
        package var children: [Int] = []

        /// Whether this is a text node.
        package var isText: Bool { name.isEmpty }

        /// The value of the attribute `name` (lower case), or nil.
        package func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    }

    /// Elements that never have content.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    /// Start tags that close an open `<p>` (HTML §13.2.6.4.7).
    private static let closesParagraph: Set<String> = [
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "menu", "nav", "ol", "p",
        "pre", "section", "summary", "table", "ul", "dd", "dt",
    ]
    /// Elements that bound the search for an element to close implicitly.
    private static let scopeBoundaries: Set<String> = ["#root", "html", "body", "table", "td", "th", "button"]
    private static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    /// Deeper elements are flattened into their ancestor at this depth, so that no traversal can run away.
    private static let maxDepth = 256

    /// Every node; `nodes[0]` is the root.
    package private(set) var nodes: [Node] = [Node(name: "#root", parent: 0)]
    private var stack: [Int] = [0]
    private var seenSingletons: Set<String> = []

    /// Parses `html`.
    package init(_ html: String) {
        for token in HTMLTokenizer(html) {
            switch token {
            case .startTag(let tag): open(tag)
            case .endTag(let name): close(name)
            case .text(let text): appendText(text)
            case .comment, .doctype: break
            }
        }
        stack = []
    }

    private mutating func open(_ tag: HTMLTag) {
        let name = tag.name
        if ["html", "head", "body"].contains(name), !seenSingletons.insert(name).inserted { return }
        if name == "body", let head = stack.lastIndex(where: { nodes[$0].name == "head" }) {
            stack.removeSubrange(head...)
        }
        if Self.closesParagraph.contains(name) { closeImplied(["p"]) }
        switch name {
        case "li": closeImplied(["li"], stoppingAt: ["ul", "ol"])
        case "dd", "dt": closeImplied(["dd", "dt"], stoppingAt: ["dl"])
        case "tr": closeImplied(["tr", "td", "th"], stoppingAt: ["table"])
        case "td", "th": closeImplied(["td", "th"], stoppingAt: ["tr", "table"])
        case "option": closeImplied(["option"])
        case "a": closeImplied(["a"])
        default: if Self.headings.contains(name) { closeImplied(Self.headings) }
        }
        let index = nodes.count
        nodes.append(Node(name: name, attributes: tag.attributes, parent: stack.last!))
        nodes[stack.last!].children.append(index)
        let isVoid = Self.voidElements.contains(name) || tag.selfClosing
        if !isVoid, stack.count < Self.maxDepth { stack.append(index) }
    }

    private mutating func close(_ name: String) {
        switch name {
        case "br":
            open(HTMLTag(name: "br", attributes: [], selfClosing: true))
        case "html", "body":
            break  // content after them still belongs to the body
        default:
            if let position = stack.lastIndex(where: { nodes[$0].name == name }), position > 0 {
                stack.removeSubrange(position...)
            }
        }
    }

    /// Pops back past the innermost open element named in `names`, unless a scope boundary (or one of `stops`)
    /// comes first.
    private mutating func closeImplied(_ names: Set<String>, stoppingAt stops: Set<String> = []) {
        for position in stack.indices.reversed() {
            let name = nodes[stack[position]].name
            if names.contains(name) {
                stack.removeSubrange(position...)
                return
            }
            if Self.scopeBoundaries.contains(name) || stops.contains(name) { return }
        }
    }

    private mutating func appendText(_ text: String) {
        let parent = stack.last!
        if let last = nodes[parent].children.last, nodes[last].isText {
            nodes[last].text += text
            return
        }
        nodes.append(Node(name: "", text: text, parent: parent))
        nodes[parent].children.append(nodes.count - 1)
    }

    /// The indices of every element named `name`, in document order.
    package func elements(named name: String) -> [Int] {
        nodes.indices.filter { nodes[$0].name == name }
    }

    /// The nodes under `index` (itself excluded) in document order, skipping the subtrees `skip` returns true for.
    package func descendants(of index: Int, skipping skip: (Int) -> Bool = { _ in false }) -> [Int] {
        var result: [Int] = []
        var pending = Array(nodes[index].children.reversed())
        while let next = pending.popLast() {
            guard !skip(next) else { continue }
            result.append(next)
            pending.append(contentsOf: nodes[next].children.reversed())
        }
        return result
    }

    /// The text under `index`, whitespace collapsed, the subtrees `skip` returns true for left out.
    package func text(of index: Int, skipping skip: (Int) -> Bool = { _ in false }) -> String {
        if nodes[index].isText { return nodes[index].text.collapsingHTMLWhitespace() }
        var raw = ""
        for node in descendants(of: index, skipping: skip) {
            if nodes[node].isText {
                raw += nodes[node].text
            } else if nodes[node].name == "br" {
                raw += " "
            }
        }
        return raw.collapsingHTMLWhitespace()
    }

    /// Whether `ancestor` is `index` or one of its ancestors.
    package func isAncestor(_ ancestor: Int, of index: Int) -> Bool {
        var current = index
        while true {
            if current == ancestor { return true }
            if current == 0 { return false }
            current = nodes[current].parent
        }
    }
}

extension StringProtocol {
    /// Runs of HTML whitespace (space, tab, LF, FF, CR) as one space, none at either end. No-break spaces stay, as
    /// a browser shows them.
    package func collapsingHTMLWhitespace() -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.isHTMLWhitespace {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
