extension Substring {
    /// The text without leading and trailing characters that match `predicate`.
    func trimming(_ predicate: (Character) -> Bool) -> Substring {
        var text = self
        while let first = text.first, predicate(first) { text = text.dropFirst() }
        while let last = text.last, predicate(last) { text = text.dropLast() }
        return text
    }
}

extension Character {
    /// Space or horizontal tab (RFC 9110 `OWS`).
    var isBlank: Bool { self == " " || self == "\t" }
}
