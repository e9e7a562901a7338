/// A method + path router over a trie of path segments. Generic and free of I/O: tests use `Int` outputs.
///
/// Patterns are `/`-separated segments, each a literal (`articles`) or a parameter (`:id`). Literal
/// segments match byte for byte (RFC 3986 §6.2.1) and win over parameters; when a literal branch has no match
/// further down, matching falls back to the parameter branch. Empty segments are ignored (`/a//b/` is `/a/b`).
/// `HEAD` is served by the `GET` route of a path unless one is registered for `HEAD` itself.
package struct Router<Output: Sendable>: Sendable {
    /// The result of matching a request.
    package enum Match {
        /// A route matched.
        case found(Output, parameters: RouteParameters, pattern: String)
        /// The path exists, but not for this method. `allowed` lists its methods, `HEAD` and `OPTIONS` included.
        case methodNotAllowed(allowed: [HTTPMethod])
        /// No route has this path.
        case notFound
    }

    private struct Route: Sendable {
        var output: Output
        var pattern: String
        /// The names of the pattern's `:name` segments, in order.
        var parameterNames: [String]
    }

    /// A trie node. Nodes live in one flat array and refer to their children by index, so that matching reads
    /// them in place: a node nested in its parent (or a dictionary of nodes) is copied on every step down,
    /// retaining each of its tables.
    ///
    /// A node has a handful of literal children and routes: scanning them, comparing lengths first, costs less
    /// than hashing (a dictionary lookup also needs a `String` made of each path segment).
    private struct Node: Sendable {
        /// Literal segment bytes → child index.
        var literals: [(segment: [UInt8], child: Int)] = []
        /// The index of the `:name` child.
        var parameter: Int?
        /// In registration order.
        var routes: [(method: HTTPMethod, route: Route)] = []
        /// The methods of `routes`, with `HEAD` after `GET` (unless registered itself) and `OPTIONS` at the end.
        var allowed: [HTTPMethod] = []

        /// The index in `routes` of `method`'s route; an index, so that matching copies the route only once.
        func routeIndex(for method: HTTPMethod) -> Int? {
            for index in routes.indices where routes[index].method == method { return index }
            return nil
        }

        func literalChild(matching segment: UnsafeBufferPointer<UInt8>) -> Int? {
            for literal in literals where literal.segment.count == segment.count {
                // An index loop: `elementsEqual` steps two iterators, ~10 instructions a byte.
                let matches = literal.segment.withUnsafeBufferPointer { bytes in
                    bytes.indices.allSatisfy { bytes[$0] == segment[$0] }
                }
                if matches { return literal.child }
            }
            return nil
        }
    }

    /// Every node; the root is `nodes[0]`.
    private var nodes = [Node()]

    package init() {}

    /// Registers `output` for `method` on `pattern`; a later registration of the same pair replaces it.
    package mutating func register(_ method: HTTPMethod, _ pattern: String, _ output: Output) {
        let segments = pattern.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
        let names = segments.filter { $0.first == ":" }.map { String($0.dropFirst()) }
        let route = Route(output: output, pattern: pattern, parameterNames: names)
        var index = 0
        for segment in segments {
            if segment.first == ":" {
                if let child = nodes[index].parameter {
                    index = child
                } else {
                    nodes.append(Node())
                    nodes[index].parameter = nodes.count - 1
                    index = nodes.count - 1
                }
            } else if let child = nodes[index].literals.first(where: { $0.segment.elementsEqual(segment.utf8) })?
                .child
            {
                index = child
            } else {
                nodes.append(Node())
                nodes[index].literals.append((Array(segment.utf8), nodes.count - 1))
                index = nodes.count - 1
            }
        }
        Self.add(route, method: method, to: &nodes[index])
    }

    /// Matches `method` and `path` (decoded, starting with `/`).
    package func match(_ method: HTTPMethod, path: String) -> Match {
        var path = path
        var values = RouteParameters.Values()
        guard let index = path.withUTF8({ find($0, at: 0, from: 0, values: &values) }) else { return .notFound }
        guard
            let slot = nodes[index].routeIndex(for: method)
                ?? (method == .head ? nodes[index].routeIndex(for: .get) : nil)
        else { return .methodNotAllowed(allowed: nodes[index].allowed) }
        let route = nodes[index].routes[slot].route
        let parameters = RouteParameters(names: route.parameterNames, values: values)
        return .found(route.output, parameters: parameters, pattern: route.pattern)
    }

    /// The methods a path answers (`HEAD` and `OPTIONS` included), or an empty list when it has no route.
    package func allowedMethods(path: String) -> [HTTPMethod] {
        var path = path
        var values = RouteParameters.Values()
        return path.withUTF8 { find($0, at: 0, from: 0, values: &values) }.map { nodes[$0].allowed } ?? []
    }

    /// Calls `body` with every registered method and output (order unspecified).
    package func forEachRoute(_ body: (HTTPMethod, Output) -> Void) {
        for node in nodes {
            for (method, route) in node.routes { body(method, route.output) }
        }
    }

    private static func add(_ route: Route, method: HTTPMethod, to node: inout Node) {
        if let existing = node.routes.firstIndex(where: { $0.method == method }) {
            node.routes[existing].route = route
        } else {
            node.routes.append((method, route))
        }
        node.allowed = []
        for (method, _) in node.routes {
            node.allowed.append(method)
            if method == .get, node.routeIndex(for: .head) == nil { node.allowed.append(.head) }
        }
        if node.routeIndex(for: .options) == nil { node.allowed.append(.options) }
    }

    /// The byte range of the first non-empty segment of `path` at or after `offset`, or nil when only slashes
    /// are left. Scans bytes: a `Character`-wise split cost about half of a whole request's routing.
    private static func nextSegment(of path: UnsafeBufferPointer<UInt8>, at offset: Int) -> Range<Int>? {
        let slash = UInt8(ascii: "/")
        var start = offset
        while start < path.count, path[start] == slash { start += 1 }
        guard start < path.count else { return nil }
        var end = start + 1
        while end < path.count, path[end] != slash { end += 1 }
        return start..<end
    }

    /// The index of the node that the rest of `path` (from byte `offset`) leads to from node `index` (literal
    /// children first, then the parameter child), collecting parameter values.
    private func find(
        _ path: UnsafeBufferPointer<UInt8>, at offset: Int, from index: Int,
        values: inout RouteParameters.Values
    ) -> Int? {
        guard let range = Self.nextSegment(of: path, at: offset) else {
            return nodes[index].allowed.isEmpty ? nil : index
        }
        let segment = UnsafeBufferPointer(rebasing: path[range])
        if let child = nodes[index].literalChild(matching: segment),
            let found = find(path, at: range.upperBound, from: child, values: &values)
        {
            return found
        }
        guard let child = nodes[index].parameter else { return nil }
        values.append(String(decoding: segment, as: UTF8.self))
        if let found = find(path, at: range.upperBound, from: child, values: &values) { return found }
        values.removeLast()
        return nil
    }
}
