import Foundation

/// One piece of coverage.
package struct Article: Hashable, Sendable {
    /// The wire names, in the contract's order (`excerpt` appears only in list items, in place of `body`).
    package enum CodingKeys: String, CaseIterable {
        case id, title, body, language, url, source, section, author
        case publishedAt = "published_at"
        case talks, participants
        case fetchedAt = "fetched_at", createdAt = "created_at", updatedAt = "updated_at"
    }

    /// The wire name of the list-item field that replaces `body`.
    package static let excerptKey = "excerpt"
    /// The length an excerpt aims at, in characters.
    package static let excerptLength = 280

    /// The id (`.unassigned` until the store generates one).
    package var id: ResourceID
    /// The headline.
    package var title: String
    /// Plain text, paragraphs separated by blank lines (decoded on each read once `keepBody(in:)` was called).
    package var body: String {
        get { bodyStorage.text }
        set { bodyStorage = ArticleBody(newValue) }
    }
    private(set) var bodyStorage: ArticleBody
    /// The BCP 47 language tag of the text.
    package var language: String
    /// Where it was published; unique among articles.
    package var url: String?
    /// The outlet, e.g. `elmaouid`.
    package var source: String?
    /// The outlet's section.
    package var section: String?
    /// The byline.
    package var author: String?
    /// When it was published.
    package var publishedAt: Date?
    /// The rounds it covers.
    package var talks: [ResourceID]
    /// The participants it mentions.
    package var participants: [ResourceID]
    /// When the server fetched it (fetch endpoint only).
    package var fetchedAt: Date?
    /// Set by the store on create.
    package var createdAt: Date
    /// Set by the store on every change.
    package var updatedAt: Date

    /// Makes an article; the times default to the epoch (the store sets them).
    package init(
        id: ResourceID = .unassigned, title: String, body: String, language: String, url: String? = nil,
        source: String? = nil, section: String? = nil, author: String? = nil, publishedAt: Date? = nil,
        talks: [ResourceID] = [], participants: [ResourceID] = [], fetchedAt: Date? = nil,
        createdAt: Date = Date(timeIntervalSince1970: 0), updatedAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.title = title
        bodyStorage = ArticleBody(body)
        self.language = language
        self.url = url
        self.source = source
        self.section = section
        self.author = author
        self.publishedAt = publishedAt
        self.talks = talks
        self.participants = participants
        self.fetchedAt = fetchedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Decodes and validates an article, reporting every broken rule. `id` is the URL's id, if any.
    package static func decode(
        from value: JSONValue, id: ResourceID? = nil, mode: DecodingMode = .input
    ) -> Result<Article, ValidationFailure> {
        var reader = FieldReader(value, trustingText: mode == .replay)
        let resolvedID = reader.resourceID(given: id, mode: mode)
        let title = reader.string(CodingKeys.title.rawValue, required: true, maxLength: FieldLimits.title)
        let body = reader.string(CodingKeys.body.rawValue, required: true, maxLength: FieldLimits.body)
        let language = reader.languageTag(CodingKeys.language.rawValue, required: true)
        let url = reader.url(CodingKeys.url.rawValue)
        let source = reader.string(CodingKeys.source.rawValue, maxLength: FieldLimits.shortText)
        let section = reader.string(CodingKeys.section.rawValue, maxLength: FieldLimits.shortText)
        let author = reader.string(CodingKeys.author.rawValue, maxLength: FieldLimits.shortText)
        let publishedAt = reader.time(CodingKeys.publishedAt.rawValue)
        let talks = reader.idList(CodingKeys.talks.rawValue)
        let participants = reader.idList(CodingKeys.participants.rawValue)
        let fetchedAt = mode.readsServerFields ? reader.time(CodingKeys.fetchedAt.rawValue) : nil
        let times = reader.serverTimes(mode: mode)
        reader.rejectUnknown(known: CodingKeys.self)
        guard reader.errors.isEmpty, let title, let body, let language else {
            return .failure(ValidationFailure(reader.errors))
        }
        return .success(
            Article(
                id: resolvedID, title: title, body: body, language: language, url: url, source: source,
                section: section, author: author, publishedAt: publishedAt, talks: talks,
                participants: participants, fetchedAt: fetchedAt, createdAt: times.created,
                updatedAt: times.updated))
    }

    /// The JSON form, fields in the contract's order; `excerpt` replaces `body` for list items.
    package func jsonValue(excerptInsteadOfBody: Bool = false) -> JSONValue {
        var object = JSONObject()
        for key in CodingKeys.allCases {
            switch key {
            case .id: object[key.rawValue] = .string(id.rawValue)
            case .title: object[key.rawValue] = .string(title)
            case .body:
                if excerptInsteadOfBody {
                    object[Article.excerptKey] = .string(excerpt)
                } else {
                    object[key.rawValue] = .string(body)
                }
            case .language: object[key.rawValue] = .string(language)
            case .url: object[key.rawValue] = url.jsonValue
            case .source: object[key.rawValue] = source.jsonValue
            case .section: object[key.rawValue] = section.jsonValue
            case .author: object[key.rawValue] = author.jsonValue
            case .publishedAt: object[key.rawValue] = publishedAt.jsonValue
            case .talks: object[key.rawValue] = talks.jsonValue
            case .participants: object[key.rawValue] = participants.jsonValue
            case .fetchedAt: object[key.rawValue] = fetchedAt.jsonValue
            case .createdAt: object[key.rawValue] = createdAt.jsonValue
            case .updatedAt: object[key.rawValue] = updatedAt.jsonValue
            }
        }
        return .object(object)
    }

    /// The JSON form with `body`.
    package var jsonValue: JSONValue { jsonValue(excerptInsteadOfBody: false) }

    /// Keeps the body as a reference to its literal in `json` (shared, not copied) instead of a string of its own;
    /// `json` must be this article's compact `jsonValue` (a stored article's cached JSON). Reads of `body` then
    /// decode the literal. Leaves the body as it is when `json` has not the shape `jsonValue` writes.
    package mutating func keepBody(in json: [UInt8]) {
        guard let offset = ArticleBody.literalOffset(in: json) else { return }
        let kept = ArticleBody(json: json, literalAt: offset)
        assert(kept.text == body, "the JSON is not this article's")
        bodyStorage = kept
    }

    /// The list-item JSON (`excerpt` in place of `body`) made from this article's compact JSON by copying the
    /// members around the body and encoding only the excerpt: the bytes of `jsonValue(excerptInsteadOfBody: true)
    /// .encoded()` without building and encoding the whole object again. Nil for JSON of another shape.
    package func listItemJSON(from json: [UInt8]) -> [UInt8]? {
        // `literalOffset` found the member `"body":` right before the literal.
        guard let literal = ArticleBody.literalOffset(in: json),
            let end = ArticleBody.endOfString(in: json, at: literal)
        else { return nil }
        let memberStart = literal - Self.bodyMember.count
        let excerpt = JSONValue.string(self.excerpt).encoded()
        var item: [UInt8] = []
        item.reserveCapacity(json.count - (end - memberStart) + Self.excerptMember.count + excerpt.count)
        item += json[..<memberStart]
        item += Self.excerptMember
        item += excerpt
        item += json[end...]
        return item
    }

    private static let bodyMember = Array("\"\(CodingKeys.body.rawValue)\":".utf8)
    private static let excerptMember = Array("\"\(excerptKey)\":".utf8)

    /// About the first 280 characters of the body, cut at a word boundary, with `…` when cut. Counted in Unicode
    /// scalars, not grapheme clusters: list items of every stored article need one, and segmenting graphemes
    /// costs more than the rest of loading an article; a cut that is not at white space backs off combining marks.
    package var excerpt: String {
        let body = body
        let scalars = body.unicodeScalars
        let start = scalars.startIndex
        guard let limit = scalars.index(start, offsetBy: Article.excerptLength, limitedBy: scalars.endIndex),
            limit != scalars.endIndex
        else { return body }
        let half = scalars.index(start, offsetBy: Article.excerptLength / 2)
        var end = limit
        while end > half, !scalars[end].properties.isWhitespace { end = scalars.index(before: end) }
        if end == half {
            end = limit
            while end > half, scalars[end].isExtending { end = scalars.index(before: end) }
        }
        var cut = scalars[..<end]
        while let last = cut.last, last.properties.isWhitespace || last.isPunctuation { cut.removeLast() }
        return String(cut) + "…"
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is punctuation (`Character.isPunctuation`'s categories).
    fileprivate var isPunctuation: Bool {
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            true
        default: false
        }
    }

    /// Whether the scalar continues the grapheme cluster before it (a combining mark, a joiner, a selector).
    fileprivate var isExtending: Bool {
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: value == 0x200D || properties.isVariationSelector
        }
    }
}
