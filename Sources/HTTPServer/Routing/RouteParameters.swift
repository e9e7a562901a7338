/// The values of a matched route's `:name` segments, in pattern order.
package struct RouteParameters: Sendable, Equatable {
    private var pairs: [(name: String, value: String)]

    package init(_ pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

    /// The value captured for `name`, or nil.
    package subscript(name: String) -> String? {
        for pair in pairs where pair.name == name { return pair.value }
        return nil
    }

    /// Every captured `(name, value)`, in pattern order.
    package var all: [(name: String, value: String)] { pairs }

    package static func == (lhs: RouteParameters, rhs: RouteParameters) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }
}
