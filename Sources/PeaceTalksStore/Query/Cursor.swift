import Foundation
import PeaceTalksModel

/// The opaque `next_cursor`: base64url of a small JSON object holding the query's fingerprint, the last item's
/// position, and for relevance order the corpus statistics the scores were computed with.
struct PageCursor: Hashable, Sendable {
    /// The fingerprint of the query this cursor continues.
    var fingerprint: UInt64
    /// The last item returned.
    var position: SortPosition
    /// Its kind (cross-kind search breaks score ties by kind).
    var kind: ResourceKind
    /// Per kind, the BM25 statistics of the first page.
    var statistics: [ResourceKind: SearchStatistics]

    /// The cursor text.
    var encoded: String {
        var object: JSONObject = [
            "f": .string(ContentHash.hex(fingerprint)), "k": .string(kind.rawValue),
            "i": .string(position.id.rawValue), "v": position.value?.jsonValue ?? .null,
        ]
        if !statistics.isEmpty {
            var stats = JSONObject()
            for (kind, value) in statistics.sorted(by: { $0.key < $1.key }) {
                var frequencies = JSONObject()
                for (term, count) in value.documentFrequency.sorted(by: { $0.key < $1.key }) {
                    frequencies[term] = .number(Double(count))
                }
                stats[kind.rawValue] = [
                    "n": .number(Double(value.documentCount)), "l": .array(value.fieldLengths.map(JSONValue.number)),
                    "d": .object(frequencies),
                ]
            }
            object["s"] = .object(stats)
        }
        return Self.base64URL(JSONValue.object(object).encoded())
    }

    /// RFC 4648 §5 base64url without padding, in one pass (Foundation's base64 plus three
    /// `replacingOccurrences` cost more than the rest of a list page).
    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var group = UInt32(bytes[index]) << 16
            if count > 1 { group |= UInt32(bytes[index + 1]) << 8 }
            if count > 2 { group |= UInt32(bytes[index + 2]) }
            for sextet in 0...count { out.append(alphabet[Int(group >> (18 - 6 * UInt32(sextet)) & 0x3F)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a cursor made for the query with `fingerprint`; throws `invalidQuery` otherwise.
    init(decoding text: String, fingerprint expected: UInt64) throws(StoreError) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard text.utf8.count <= 16_384, let data = Data(base64Encoded: base64),
            let object = try? JSONParser.parseObject(Array(data)),
            case .string(let fingerprintText)? = object["f"], let fingerprint = UInt64(fingerprintText, radix: 16),
            case .string(let kindText)? = object["k"], let kind = ResourceKind(rawValue: kindText),
            case .string(let idText)? = object["i"], let id = ResourceID(idText), let valueJSON = object["v"]
        else { throw .invalidQuery("cursor is malformed") }
        guard fingerprint == expected else { throw .invalidQuery("cursor belongs to a different query") }
        let value = valueJSON == .null ? nil : SortValue(json: valueJSON)
        guard valueJSON == .null || value != nil else { throw .invalidQuery("cursor is malformed") }
        var statistics: [ResourceKind: SearchStatistics] = [:]
        for (kindText, statsJSON) in object["s"]?.objectValue ?? JSONObject() {
            guard let kind = ResourceKind(rawValue: kindText), let stats = statsJSON.objectValue,
                case .number(let count)? = stats["n"], case .array(let lengthValues)? = stats["l"],
                let frequencies = stats["d"]?.objectValue
            else { throw .invalidQuery("cursor is malformed") }
            var lengths: [Double] = []
            for value in lengthValues {
                guard case .number(let length) = value else { throw .invalidQuery("cursor is malformed") }
                lengths.append(length)
            }
            var documentFrequency: [String: Int] = [:]
            for (term, value) in frequencies {
                guard case .number(let frequency) = value else { throw .invalidQuery("cursor is malformed") }
                documentFrequency[term] = Int(frequency)
            }
            statistics[kind] = SearchStatistics(
                documentCount: Int(count), fieldLengths: lengths, documentFrequency: documentFrequency)
        }
        self.init(
            fingerprint: fingerprint, position: SortPosition(value: value, id: id), kind: kind,
            statistics: statistics)
    }

    init(
        fingerprint: UInt64, position: SortPosition, kind: ResourceKind,
        statistics: [ResourceKind: SearchStatistics]
    ) {
        self.fingerprint = fingerprint
        self.position = position
        self.kind = kind
        self.statistics = statistics
    }
}
