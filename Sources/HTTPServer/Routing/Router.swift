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

    private struct Node: Sendable {
        var literals: [String: Node] = [:]
        /// The `:name` child, stored in an array because a struct cannot contain itself directly.
        var parameter: [Node] = []
        var routes: [HTTPMethod: Route] = [:]
        /// The methods of `routes` in registration order.
        var methods: [HTTPMethod] = []
        /// `methods`, with `HEAD` after `GET` (unless registered itself) and `OPTIONS` at the end.
        var allowed: [HTTPMethod] = []
    }

    private var root = Node()

    package init() {}

    /// Registers `output` for `method` on `pattern`; a later registration of the same pair replaces it.
    package mutating func register(_ method: HTTPMethod, _ pattern: String, _ output: Output) {
        let segments = Self.segments(of: pattern)
        let names = segments.filter { $0.first == ":" }.map { String($0.dropFirst()) }
        let route = Route(output: output, pattern: pattern, parameterNames: names)
        Self.insert(route, method: method, segments: segments[...], into: &root)
    }

    /// Matches `method` and `path` (decoded, starting with `/`).
    package func match(_ method: HTTPMethod, path: String) -> Match {
        let segments = Self.segments(of: path)
        var values: [Substring] = []
        guard let node = Self.find(segments[...], in: root, values: &values) else { return .notFound }
        if let route = node.routes[method] ?? (method == .head ? node.routes[.get] : nil) {
            let parameters = RouteParameters(zip(route.parameterNames, values).map { ($0, String($1)) })
            return .found(route.output, parameters: parameters, pattern: route.pattern)
        }
        return .methodNotAllowed(allowed: node.allowed)
    }

    /// The methods a path answers (`HEAD` and `OPTIONS` included), or an empty list when it has no route.
    package func allowedMethods(path: String) -> [HTTPMethod] {
        var values: [Substring] = []
        return Self.find(Self.segments(of: path)[...], in: root, values: &values)?.allowed ?? []
    }

    /// Calls `body` with every registered method and output (order unspecified).
    package func forEachRoute(_ body: (HTTPMethod, Output) -> Void) {
        func visit(_ node: Node) {
            for (method, route) in node.routes { body(method, route.output) }
            for child in node.literals.values { visit(child) }
            for child in node.parameter { visit(child) }
        }
        visit(root)
    }

    /// Splits on the `/` byte: a `Character`-wise split costs about half of a whole request's routing.
    private static func segments(of path: String) -> [Substring] {
        path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map { Substring($0) }
    }

    private static func insert(
        _ route: Route, method: HTTPMethod, segments: ArraySlice<Substring>, into node: inout Node
    ) {
        guard let segment = segments.first else {
            if node.routes.updateValue(route, forKey: method) == nil { node.methods.append(method) }
            node.allowed = []
            for method in node.methods {
                node.allowed.append(method)
                if method == .get, node.routes[.head] == nil { node.allowed.append(.head) }
            }
            if node.routes[.options] == nil { node.allowed.append(.options) }
            return
        }
        let rest = segments.dropFirst()
        if segment.first == ":" {
            if node.parameter.isEmpty { node.parameter = [Node()] }
            insert(route, method: method, segments: rest, into: &node.parameter[0])
        } else {
            insert(route, method: method, segments: rest, into: &node.literals[String(segment), default: Node()])
        }
    }

    private static func find(
        _ segments: ArraySlice<Substring>, in node: Node, values: inout [Substring]
    ) -> Node? {
        guard let segment = segments.first else { return node.allowed.isEmpty ? nil : node }
        let rest = segments.dropFirst()
        if let child = node.literals[String(segment)], let found = find(rest, in: child, values: &values) {
            return found
        }
        guard let child = node.parameter.first else { return nil }
        values.append(segment)
        if let found = find(rest, in: child, values: &values) { return found }
        values.removeLast()
        return nil
    }
}
