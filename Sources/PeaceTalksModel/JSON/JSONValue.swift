/// A JSON value whose objects keep their members in document order.
package enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A finite number; integral values within ±2^53 are written without a fraction.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The object, when this is one.
    package var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The name of this value's JSON type, for error messages (`"a string"`, `"an object"`…).
    package var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A JSON object: members in insertion order with keyed lookup; setting an existing key keeps its position.
package struct JSONObject: Hashable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// The members in order.
    package private(set) var members: [(key: String, value: JSONValue)] = []
    private var positions: [String: Int] = [:]

    /// An empty object.
    package init() {}

    /// Builds an object from literal members (later duplicates replace earlier ones).
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// The number of members.
    package var count: Int { members.count }

    /// The member names in order.
    package var keys: [String] { members.map(\.key) }

    /// Gets, sets (appending new keys) or removes (`nil`) a member.
    package subscript(key: String) -> JSONValue? {
        get { positions[key].map { members[$0].value } }
        set {
            if let position = positions[key] {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    positions[key] = nil
                    for index in position..<members.count { positions[members[index].key] = index }
                }
            } else if let newValue {
                positions[key] = members.count
                members.append((key, newValue))
            }
        }
    }

    /// Iterates the members in order.
    package func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> { members.makeIterator() }

    /// Objects are equal when they have the same members in the same order.
    package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    /// Hashes the members in order.
    package func hash(into hasher: inout Hasher) {
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A string literal.
    package init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal.
    package init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// A floating-point literal.
    package init(floatLiteral value: Double) { self = .number(value) }
    /// A boolean literal.
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array literal.
    package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object literal, members in the literal's order.
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
    /// `nil` is JSON `null`.
    package init(nilLiteral: ()) { self = .null }
}
