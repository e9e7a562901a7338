import Foundation

/// Takes the site's name off a `<title>`: `Talks open in Astana - El Maouid` → `Talks open in Astana`.
enum TitleCleaner {
    /// Separators between a headline and the site's name, most specific first.
    private static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » "]

    /// `title` without a trailing ` SEP site` part when that part is `siteName`, names the host (`elmaouid` for
    /// `www.elmaouid.com`), or is short (at most 3 words) with a longer headline before it.
    static func strippingSiteName(_ title: String, siteName: String?, host: String?) -> String {
        let title = title.collapsingHTMLWhitespace()
        for separator in separators {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let head = title[..<range.lowerBound].collapsingHTMLWhitespace()
            let tail = title[range.upperBound...].collapsingHTMLWhitespace()
            guard !head.isEmpty, !tail.isEmpty else { continue }
            if let siteName, folded(tail) == folded(siteName) { return head }
            if let host, namesHost(tail, host) { return head }
            let words = { (text: String) in text.split(whereSeparator: \.isWhitespace).count }
            if words(tail) <= 3, words(head) > words(tail) { return head }
        }
        return title
    }

    /// Letters and digits only, lower-cased.
    private static func folded(_ text: String) -> String {
        let kept = text.lowercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }
        return String(String.UnicodeScalarView(kept))
    }

    /// Whether `tail` spells the host's main label (`El Maouid` ~ `www.elmaouid.com`).
    private static func namesHost(_ tail: String, _ host: String) -> Bool {
        let labels = host.lowercased().split(separator: ".").filter { $0 != "www" }
        guard let main = labels.first else { return false }
        let name = folded(tail)
        return !name.isEmpty && (name == folded(String(main)) || folded(host).hasPrefix(name))
    }
}
