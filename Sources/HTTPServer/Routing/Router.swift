/// A method + path router over a trie of path segments. Generic and free of I/O: tests use `Int` outputs.
///
/// Patterns are `/`-separated segments, each a literal (`articles`) or a parameter (`:id`). Literal
/// segments win over parameters; when a literal branch has no match further down, matching falls back
/// to the parameter branch. Empty segments are ignored (`/a//b/` is `/a/b`). `HEAD` is served by the
/// `GET` route of a path unless one is registered for `HEAD` itself.
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
    private struct Node: Sendable {
        /// Literal segment → child index.
        var literals: [String: Int] = [:]
        /// The index of the `:name` child.
        var parameter: Int?
        var routes: [HTTPMethod: Route] = [:]
        /// The methods of `routes` in registration order.
        var methods: [HTTPMethod] = []
        /// `methods`, with `HEAD` after `GET` (unless registered itself) and `OPTIONS` at the end.
        var allowed: [HTTPMethod] = []
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
            } else if let child = nodes[index].literals[String(segment)] {
                index = child
            } else {
                nodes.append(Node())
                nodes[index].literals[String(segment)] = nodes.count - 1
                index = nodes.count - 1
            }
        }
        Self.add(route, method: method, to: &nodes[index])
    }

    /// Matches `method` and `path` (decoded, starting with `/`).
    package func match(_ method: HTTPMethod, path: String) -> Match {
        var path = path
        var values: [String] = []
        guard let index = path.withUTF8({ find($0, at: 0, from: 0, values: &values) }) else { return .notFound }
        if let route = nodes[index].routes[method] ?? (method == .head ? nodes[index].routes[.get] : nil) {
            let parameters = RouteParameters(zip(route.parameterNames, values).map { (name: $0, value: $1) })
            return .found(route.output, parameters: parameters, pattern: route.pattern)
        }
        return .methodNotAllowed(allowed: nodes[index].allowed)
    }

    /// The methods a path answers (`HEAD` and `OPTIONS` included), or an empty list when it has no route.
    package func allowedMethods(path: String) -> [HTTPMethod] {
        var path = path
        var values: [String] = []
        return path.withUTF8 { find($0, at: 0, from: 0, values: &values) }.map { nodes[$0].allowed } ?? []
    }

    /// Calls `body` with every registered method and output (order unspecified).
    package func forEachRoute(_ body: (HTTPMethod, Output) -> Void) {
        for node in nodes {
            for (method, route) in node.routes { body(method, route.output) }
        }
    }

    private static func add(_ route: Route, method: HTTPMethod, to node: inout Node) {
        if node.routes.updateValue(route, forKey: method) == nil { node.methods.append(method) }
        node.allowed = []
        for method in node.methods {
            node.allowed.append(method)
            if method == .get, node.routes[.head] == nil { node.allowed.append(.head) }
        }
        if node.routes[.options] == nil { node.allowed.append(.options) }
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
        _ path: UnsafeBufferPointer<UInt8>, at offset: Int, from index: Int, values: inout [String]
    ) -> Int? {
        guard let range = Self.nextSegment(of: path, at: offset) else {
            return nodes[index].allowed.isEmpty ? nil : index
        }
        let segment = String(decoding: UnsafeBufferPointer(rebasing: path[range]), as: UTF8.self)
        if let child = nodes[index].literals[segment],
            let found = find(path, at: range.upperBound, from: child, values: &values)
        {
            return found
        }
        guard let child = nodes[index].parameter else { return nil }
        values.append(segment)
        if let found = find(path, at: range.upperBound, from: child, values: &values) { return found }
        values.removeLast()
        return nil
    }
}
