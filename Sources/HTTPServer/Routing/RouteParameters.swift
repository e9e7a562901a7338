/// The values of a matched route's `:name` segments, in pattern order.
///
/// Names and values are kept apart: the names are the route's own array (shared, not copied per request), and a
/// plain `[String]` is cheaper to build and to free than an array of pairs.
package struct RouteParameters: Sendable, Equatable {
    private var names: [String]
    private var values: [String]

    /// No parameters (every request's context starts so, before routing).
    package init() { self.init(names: [], values: []) }

    package init(_ pairs: [(name: String, value: String)]) {
        self.init(names: pairs.map(\.name), values: pairs.map(\.value))
    }

    /// `values[i]` is the value of `names[i]`.
    init(names: [String], values: [String]) {
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
    package var all: [(name: String, value: String)] { Array(zip(names, values)) }
}
