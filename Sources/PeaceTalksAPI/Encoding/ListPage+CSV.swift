import PeaceTalksModel
import PeaceTalksStore

/// The CSV layout of a list page (API.md "Lists"): the item's top-level fields in contract order, a LocalizedText
/// field as `<field>_en` and `<field>_ar`, an object field flattened (`location_city`), lists joined with `;`.
struct CSVLayout {
    /// One column: its header and where its value comes from.
    struct Column {
        var header: String
        var field: String
        /// The member of an object field (a LocalizedText tag, a location part); nil for a plain field.
        var member: String?
    }

    /// The columns in order.
    let columns: [Column]

    /// The layout of a list of `kind`; `includeBody` keeps an article's `body` (else `excerpt`), `ranked`
    /// appends `score` and `snippet`.
    init(_ kind: ResourceKind, includeBody: Bool, ranked: Bool) {
        var columns: [Column] = []
        for field in Self.fields(of: kind) {
            if kind == .articles, field == Article.CodingKeys.body.rawValue {
                // List items carry `excerpt` where the article has `body`; `include=body` adds `body` after it.
                columns.append(Column(header: Article.excerptKey, field: Article.excerptKey))
                if !includeBody { continue }
            }
            if let members = Self.objectMembers(kind, field) {
                columns += members.map { Column(header: field + "_" + $0, field: field, member: $0) }
            } else {
                columns.append(Column(header: field, field: field))
            }
        }
        if ranked { columns += ["score", "snippet"].map { Column(header: $0, field: $0) } }
        self.columns = columns
    }

    private static func fields(of kind: ResourceKind) -> [String] {
        switch kind {
        case .articles: Article.CodingKeys.allCases.map(\.rawValue)
        case .participants: Participant.CodingKeys.allCases.map(\.rawValue)
        case .statements: Statement.CodingKeys.allCases.map(\.rawValue)
        case .talks: Talks.CodingKeys.allCases.map(\.rawValue)
        }
    }

    /// The columns an object-valued field splits into: `en`/`ar` for LocalizedText, the parts of a location.
    private static func objectMembers(_ kind: ResourceKind, _ field: String) -> [String]? {
        let localized = ["en", "ar"]
        switch (kind, field) {
        case (.participants, Participant.CodingKeys.name.rawValue),
            (.participants, Participant.CodingKeys.role.rawValue), (.talks, Talks.CodingKeys.name.rawValue),
            (.talks, Talks.CodingKeys.summary.rawValue),
            (.statements, Statement.CodingKeys.translation.rawValue):
            return localized
        case (.talks, Talks.CodingKeys.location.rawValue): return Talks.Location.CodingKeys.allCases.map(\.rawValue)
        default: return nil
        }
    }

    /// The header row.
    var headers: [String] { columns.map(\.header) }

    /// The cells of one item (an object as the JSON list renders it).
    func row(_ item: JSONObject) -> [String] {
        columns.map { column in
            guard var value = item[column.field] else { return "" }
            if let member = column.member {
                guard case .object(let object) = value else { return "" }
                value = object.members.first { $0.key.lowercased() == member }?.value ?? .null
            }
            return Self.cell(value)
        }
    }

    private static func cell(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        case .array(let elements): elements.map(cell).joined(separator: ";")
        case .bool, .number, .object: String(decoding: value.encoded(), as: UTF8.self)
        }
    }
}

extension ListPage {
    /// The page as RFC 4180 CSV with a header row (even when the page is empty).
    func csvBody(_ kind: ResourceKind, includeBody: Bool, ranked: Bool) -> [UInt8] {
        let layout = CSVLayout(kind, includeBody: includeBody, ranked: ranked)
        var writer = CSVWriter()
        writer.appendRow(layout.headers)
        for item in items {
            // The item bytes are the store's own encoding: parsing them back cannot fail.
            let object = (try? JSONParser.parseObject(item.listJSON(includeBody: includeBody))) ?? JSONObject()
            writer.appendRow(layout.row(object))
        }
        return writer.bytes
    }
}
