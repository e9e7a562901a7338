/// The values of a matched route's `:name` segments, in pattern order.
///
/// Names and values are kept apart: the names are the route's own array (shared, not copied per request).
package struct RouteParameters: Sendable, Equatable {
    private var names: [String]
    private var values: Values

    /// No parameters (every request's context starts so, before routing).
    package init() { self.init(names: [], values: Values()) }

    package init(_ pairs: [(name: String, value: String)]) {
        var values = Values()
        for pair in pairs { values.append(pair.value) }
        self.init(names: pairs.map(\.name), values: values)
    }

    /// `values[i]` is the value of `names[i]`.
    init(names: [String], values: Values) {
        assert(names.count == values.count)
        self.names = names
        self.values = values
    }

    /// The value captured for `name`, or nil.
    package subscript(name: String) -> String? {
        for index in names.indices where names[index] == name { return values[index] }
        return nil
    }

    /// Every captured `(name, value)`, in pattern order.
    package var all: [(name: String, value: String)] { names.indices.map { (names[$0], values[$0]) } }

    /// Parameter values in order, the first one apart: nearly every route has at most one parameter, and then
    /// matching allocates no array.
    struct Values: Sendable, Equatable {
        private var first: String?
        private var rest: [String] = []

        var count: Int { first == nil ? 0 : 1 + rest.count }

        subscript(index: Int) -> String { index == 0 ? first! : rest[index - 1] }

        mutating func append(_ value: String) {
            if first == nil { first = value } else { rest.append(value) }
        }

        mutating func removeLast() {
            if rest.isEmpty { first = nil } else { rest.removeLast() }
        }
    }
}
