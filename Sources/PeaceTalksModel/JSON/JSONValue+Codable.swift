extension JSONValue: Codable {
    /// Decodes any JSON value through a `Decoder` (member order is the decoder's: Foundation does not keep it).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let elements = try? container.decode([JSONValue].self) {
            self = .array(elements)
        } else {
            let members = try container.decode([String: JSONValue].self)
            var object = JSONObject()
            for key in members.keys.sorted() { object[key] = members[key] }
            self = .object(object)
        }
    }

    /// Encodes the value through an `Encoder`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        case .array(let elements): try container.encode(elements)
        case .object(let object):
            var members: [String: JSONValue] = [:]
            for (key, value) in object { members[key] = value }
            try container.encode(members)
        }
    }
}

/// `Codable` through the validating decoders in `.stored` mode (so `id`, `created_at` and `updated_at` round-trip)
/// and the contract's JSON form; a value that breaks a rule throws `ValidationFailure`.
package protocol ValidatedCodable: Codable {
    /// The contract's JSON form.
    var jsonValue: JSONValue { get }
    /// The validating decoder.
    static func decode(from value: JSONValue, id: ResourceID?, mode: DecodingMode) -> Result<Self, ValidationFailure>
}

extension ValidatedCodable {
    /// Decodes a JSON value, then validates it.
    package init(from decoder: any Decoder) throws {
        self = try Self.decode(from: JSONValue(from: decoder), id: nil, mode: .stored).get()
    }

    /// Encodes the contract's JSON form.
    package func encode(to encoder: any Encoder) throws { try jsonValue.encode(to: encoder) }
}

extension Participant: ValidatedCodable {}
extension Talks: ValidatedCodable {}
extension Article: ValidatedCodable {}
extension Statement: ValidatedCodable {}
