import Foundation

/// What a page says about its article.
package struct ExtractedArticle: Sendable, Equatable {
    /// The headline, or nil when the page has none.
    package var title: String?
    /// The main text: paragraphs separated by a blank line (empty when none was found).
    package var body: String
    /// A BCP 47 tag: `<html lang>`, else `ar` for mostly Arabic letters, else `en`.
    package var language: String
    /// The publication time.
    package var publishedAt: Date?
    /// The byline.
    package var author: String?
    /// The outlet's section.
    package var section: String?
    /// The canonical URL, absolute http(s).
    package var canonicalURL: String?
    /// `og:site_name`.
    package var siteName: String?
    /// The encoding the page was decoded from.
    package var encoding: TextEncoding
}

/// Turns an HTML page into an article: decodes it (`CharsetDecoder`), parses it (`HTMLDocument`) and reads the
/// metadata and the main text. Pure: no I/O.
package enum ArticleExtractor {
    /// The article in `bytes`, a page fetched from `pageURL` with the given `Content-Type`.
    package static func extract(_ bytes: [UInt8], contentType: String?, pageURL: String) -> ExtractedArticle {
        let page = CharsetDecoder.decode(bytes, contentType: contentType)
        return extract(html: page.text, pageURL: pageURL, encoding: page.encoding)
    }

    /// The article in decoded `html`.
    package static func extract(html: String, pageURL: String, encoding: TextEncoding) -> ExtractedArticle {
        let document = HTMLDocument(html)
        let metadata = PageMetadata(document)
        let siteName = metadata.metaValue("og:site_name")
        let title = self.title(metadata, siteName: siteName, pageURL: pageURL)
        let body = MainText(document, boilerplate: Boilerplate(document)).extract(title: title)
        return ExtractedArticle(
            title: title,
            body: body,
            language: language(metadata.htmlLanguage, text: (title ?? "") + body),
            publishedAt: [
                metadata.metaValue("article:published_time"), metadata.jsonLDString("datePublished"),
                metadata.metaValue("datepublished"), metadata.timeElement, metadata.metaValue("date"),
                metadata.metaValue("pubdate"),
            ].lazy.compactMap { $0.flatMap(PublicationTime.parse) }.first,
            author: [
                metadata.metaValue("author"), metadata.metaValue("article:author").flatMap { isURL($0) ? nil : $0 },
                metadata.jsonLDAuthor, metadata.relAuthor,
            ].lazy.compactMap { $0.map { $0.collapsingHTMLWhitespace() } }.first { !$0.isEmpty },
            section: (metadata.metaValue("article:section") ?? metadata.jsonLDString("articleSection"))?
                .collapsingHTMLWhitespace(),
            canonicalURL: [metadata.canonicalHref, metadata.metaValue("og:url")].lazy
                .compactMap { $0.flatMap { resolve($0, against: pageURL) } }.first,
            siteName: siteName,
            encoding: encoding
        )
    }

    /// `og:title`, else `<title>` without the site's name, else the first `<h1>`.
    private static func title(_ metadata: PageMetadata, siteName: String?, pageURL: String) -> String? {
        if let title = metadata.metaValue("og:title")?.collapsingHTMLWhitespace(), !title.isEmpty { return title }
        if let title = metadata.documentTitle, !title.isEmpty {
            return TitleCleaner.strippingSiteName(title, siteName: siteName, host: URL(string: pageURL)?.host)
        }
        if let heading = metadata.firstHeading, !heading.isEmpty { return heading }
        return nil
    }

    /// `<html lang>` when it is a plausible tag, else by script.
    private static func language(_ declared: String?, text: String) -> String {
        if let declared = declared?.trimmingHTMLWhitespace().replacingOccurrences(of: "_", with: "-"),
            let primary = declared.split(separator: "-").first, (2...3).contains(primary.count),
            primary.allSatisfy({ $0.isASCII && $0.isLetter }),
            declared.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        {
            let rest = declared.dropFirst(primary.count)
            return primary.lowercased() + rest
        }
        var arabic = 0
        var latin = 0
        for scalar in text.unicodeScalars {
            if (0x0620...0x064A).contains(scalar.value) || (0x0671...0x06D3).contains(scalar.value) {
                arabic += 1
            } else if scalar.properties.isAlphabetic, scalar.value < 0x0250 {
                latin += 1
            }
        }
        return arabic > latin ? "ar" : "en"
    }

    /// `reference` resolved against `base`, when the result is an absolute http(s) URL (fragment dropped).
    static func resolve(_ reference: String, against base: String) -> String? {
        let trimmed = reference.trimmingHTMLWhitespace()
        guard !trimmed.isEmpty, let url = URL(string: trimmed, relativeTo: URL(string: base))?.absoluteURL,
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil,
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else { return nil }
        components.fragment = nil
        return components.string
    }

    private static func isURL(_ text: String) -> Bool { text.hasPrefix("http://") || text.hasPrefix("https://") }
}
