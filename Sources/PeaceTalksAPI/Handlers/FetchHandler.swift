import ArticleExtraction
import Fetch
import Foundation
import HTTPServer
import PeaceTalksModel
import PeaceTalksStore

/// `POST /v1/articles/fetch`: fetches a page (off the event loop: the route may block), extracts its article,
/// links the participants it names and stores it — or answers `200` with the article already stored under that
/// URL, its canonical URL or the same text. Statement candidates are proposed in the response, never stored.
/// Nothing is stored on any failure.
struct FetchHandler: Sendable {
    let store: any ResourceStore
    let client: FetchClient

    /// The members of a fetch request body.
    private enum Field: String {
        case url, talks
    }

    /// The handler.
    func fetch() -> HTTPHandler {
        { request, _ in
            let pretty = try request.prettyParameter()
            let body = try request.jsonObjectBody()
            var reader = FieldReader(.object(body))
            let (url, talks) = validate(&reader)
            guard reader.errors.isEmpty, let url else { throw APIError.validation(reader.errors) }
            let page: FetchResponse
            do throws(FetchError) {
                page = try client.fetch(url)
                try page.checkHTML()
            } catch {
                throw APIError(error)
            }
            let extracted = ArticleExtractor.extract(
                page.body, contentType: page.contentType, pageURL: page.url.description)
            let (stored, created) = try store(extracted, requested: url, fetched: page.url, talks: talks)
            let document: JSONValue = [
                "article": stored.resource.jsonValue,
                "encoding": .string(extracted.encoding.name),
                "statement_candidates": .array(candidates(for: stored).map(\.jsonValue)),
            ]
            var headers: HTTPHeaders = [HTTPHeaders.etag: stored.etag]
            if created { headers[HTTPHeaders.location] = "/v1/articles/\(stored.key.id.rawValue)" }
            return .json(document.encoded(pretty: pretty), status: created ? .created : .ok, headers: headers)
        }
    }

    /// Every broken rule of `{"url": absolute http(s) URL, "talks": [existing talks id]?}`; the values when valid.
    private func validate(_ reader: inout FieldReader) -> (url: String?, talks: [ResourceID]) {
        reader.rejectUnknown(known: Field.self)
        let url = reader.value(Field.url.rawValue, required: true) != nil ? reader.url(Field.url.rawValue) : nil
        let talks = reader.idList(Field.talks.rawValue)
        for (index, id) in talks.enumerated() where store.get(.talks, id: id) == nil {
            reader.fail("\(Field.talks.rawValue)[\(index)]", "unknown talks \"\(id)\"")
        }
        return (url, talks)
    }

    /// The stored article for `extracted` — an existing one with the same URL, canonical URL or text, else a new
    /// one — and whether it was created.
    private func store(
        _ extracted: ExtractedArticle, requested: String, fetched: FetchURL, talks: [ResourceID]
    ) throws -> (StoredResource, created: Bool) {
        let canonical = extracted.canonicalURL.flatMap { WebURL.isAbsoluteHTTP($0) ? $0 : nil }
        let url = canonical ?? fetched.description
        for candidate in [requested, fetched.description, url] {
            if let existing = store.article(withURL: candidate) { return (existing, false) }
        }
        guard !extracted.body.isEmpty else {
            throw APIError.validation([FieldError(Field.url.rawValue, "the page at \(requested) has no article text")])
        }
        if let existing = articleWithText(extracted.body) { return (existing, false) }
        let title = extracted.title.map { String($0.prefix(FieldLimits.title)) }
            ?? String(extracted.body.prefix { $0 != "\n" }.prefix(120))
        let mentions = ParticipantMatcher(try allParticipants()).mentions(in: title + "\n\n" + extracted.body)
        var participants: [ResourceID] = []
        for mention in mentions where !mention.byRole && !participants.contains(mention.participant) {
            participants.append(mention.participant)
        }
        let article = Article(
            title: title, body: extracted.body, language: extracted.language, url: url,
            source: URL(string: url)?.host.map { $0.hasPrefix("www.") ? String($0.dropFirst(4)) : $0 },
            section: extracted.section.map { String($0.prefix(FieldLimits.shortText)) },
            author: extracted.author.map { String($0.prefix(FieldLimits.shortText)) },
            publishedAt: extracted.publishedAt,
            talks: talks, participants: participants, fetchedAt: Date())
        guard article.body.utf8.count <= FieldLimits.body else {
            throw APIError.validation([FieldError(Field.url.rawValue, "the article text is longer than the limit")])
        }
        do throws(StoreError) {
            return (try store.create(.article(article)), true)
        } catch {
            // Stored by a concurrent fetch of the same page in the meantime.
            if case .duplicateURL = error, let existing = store.article(withURL: url) { return (existing, false) }
            throw APIError(error, key: .fetch)
        }
    }

    /// An article whose body analyses to the same terms as `body` (the search normalisation), found through a
    /// phrase search on its first words. A phrase the search cannot take (page text is arbitrary) finds none.
    private func articleWithText(_ body: String) -> StoredResource? {
        let tokens = TextAnalyzer.tokens(body)
        let terms = tokens.map(\.term)
        let utf8 = Array(body.utf8)
        let phrase = tokens.prefix(8).map { String(decoding: utf8[$0.start..<$0.end], as: UTF8.self) }
            .joined(separator: " ").filter { $0 != "\"" }
        guard !phrase.isEmpty else { return nil }
        var query = ListQuery(kind: .articles, q: "\"\(phrase)\"", limit: ListQuery.limitRange.upperBound)
        while true {
            guard let page = try? store.list(query) else { return nil }
            for item in page.items {
                if case .article(let article) = item.stored.resource, TextAnalyzer.terms(article.body) == terms {
                    return item.stored
                }
            }
            guard let cursor = page.nextCursor else { return nil }
            query.cursor = cursor
        }
    }

    private func allParticipants() throws(APIError) -> [Participant] {
        var participants: [Participant] = []
        var query = ListQuery(kind: .participants, limit: ListQuery.limitRange.upperBound)
        while true {
            let page = try store.listPage(query)
            for item in page.items {
                if case .participant(let participant) = item.stored.resource { participants.append(participant) }
            }
            guard let cursor = page.nextCursor else { return participants }
            query.cursor = cursor
        }
    }

    /// The statement candidates of a stored article's body.
    private func candidates(for stored: StoredResource) -> [StatementCandidate] {
        guard case .article(let article) = stored.resource, let participants = try? allParticipants() else {
            return []
        }
        let mentions = ParticipantMatcher(participants).mentions(in: article.body)
        return StatementCandidateFinder(text: article.body, mentions: mentions).candidates()
    }
}

extension ResourceKey {
    /// The key problems of a fetch are reported against (articles, `fetch`, a reserved id).
    fileprivate static let fetch = ResourceKey(.articles, ResourceID("fetch"))
}
