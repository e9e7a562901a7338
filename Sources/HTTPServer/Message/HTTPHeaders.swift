/// An ordered list of header fields with case-insensitive name lookup (RFC 9110 §5.1).
///
/// Names keep the spelling they arrived or were set with; lookups compare ASCII case-insensitively.
package struct HTTPHeaders: Sendable, Equatable, Sequence {
    package private(set) var fields: [HTTPField]

    /// No fields. Cheaper than `[:]`, which builds and maps a variadic array: used for the defaults of every
    /// request and response.
    package init() { fields = [] }

    package init(_ fields: [(name: String, value: String)]) {
        self.fields = fields.map { HTTPField(name: $0.name, value: $0.value) }
    }

    package init(fields: [HTTPField]) { self.fields = fields }

    package var count: Int { fields.count }

    /// The first value of the field `name`, or nil.
    package subscript(name: String) -> String? {
        get {
            // By index: a `for field in fields` loop copies each field, retaining and releasing its strings.
            for index in fields.indices where fields[index].name.equalsIgnoringASCIICase(name) {
                return fields[index].value
            }
            return nil
        }
        set {
            remove(name)
            if let newValue { fields.append(HTTPField(name: name, value: newValue)) }
        }
    }

    /// Every value of the field `name`, in order.
    package func values(for name: String) -> [String] {
        // A plain loop: the lazy filter-map cost ~1.7k instructions per call, even with no match.
        var values: [String] = []
        for field in fields where field.name.equalsIgnoringASCIICase(name) { values.append(field.value) }
        return values
    }

    package func contains(_ name: String) -> Bool { self[name] != nil }

    /// Makes room for `count` fields in all, so that fields added later (by middleware) need no reallocation.
    package mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    /// Appends a field, keeping any earlier ones of the same name.
    package mutating func add(_ name: String, _ value: String) { fields.append(HTTPField(name: name, value: value)) }

    package mutating func remove(_ name: String) {
        // Usually there is nothing to remove (a setter's new field): `removeAll` would still rebuild the array.
        guard contains(name) else { return }
        fields.removeAll { $0.name.equalsIgnoringASCIICase(name) }
    }

    package func makeIterator() -> IndexingIterator<[HTTPField]> { fields.makeIterator() }
}

/// One header field line: its name as spelled and its value.
///
/// A struct rather than a `(name, value)` tuple: an array of tuples is freed element by element through the
/// runtime's generic tuple code, which cost ~100 instructions a field on every request and response.
package struct HTTPField: Sendable, Equatable {
    package var name: String
    package var value: String

    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension HTTPHeaders: ExpressibleByDictionaryLiteral {
    package init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements.map { (name: $0.0, value: $0.1) })
    }
}

extension String {
    /// ASCII case-insensitive comparison, as header names and tokens need (no locale, no Unicode folding).
    @inline(__always)
    package func equalsIgnoringASCIICase(_ other: String) -> Bool {
        // `utf8.count` is O(1) for native strings, and most names differ in length: checked inline, so that the
        // usual mismatch (a dozen per request) costs no call and no byte comparison.
        utf8.count == other.utf8.count && hasSameBytesIgnoringASCIICase(other)
    }

    /// `equalsIgnoringASCIICase` for two strings of the same UTF-8 length.
    private func hasSameBytesIgnoringASCIICase(_ other: String) -> Bool {
        // Native strings (all of them on Linux) expose their bytes: compared there, a byte costs a few
        // instructions instead of two iterator steps.
        let contiguous = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in
                for index in 0..<a.count where a[index] != b[index] {
                    let x = a[index]
                    let y = b[index]
                    if (x >= 0x41 && x <= 0x5A ? x | 0x20 : x) != (y >= 0x41 && y <= 0x5A ? y | 0x20 : y) {
                        return false
                    }
                }
                return true
            }
        }
        if let contiguous, let equal = contiguous { return equal }
        var a = utf8.makeIterator()
        var b = other.utf8.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return true
            case let (x?, y?):
                if x == y { continue }
                let lx = x >= 0x41 && x <= 0x5A ? x | 0x20 : x
                let ly = y >= 0x41 && y <= 0x5A ? y | 0x20 : y
                if lx != ly { return false }
            default: return false
            }
        }
    }
}

package extension HTTPHeaders {
    static let contentLength = "Content-Length"
    static let contentType = "Content-Type"
    static let transferEncoding = "Transfer-Encoding"
    static let connection = "Connection"
    static let host = "Host"
    static let date = "Date"
    static let expect = "Expect"
    static let allow = "Allow"
    static let location = "Location"
    static let etag = "ETag"
    static let ifMatch = "If-Match"
    static let ifNoneMatch = "If-None-Match"
    static let authorization = "Authorization"
    static let wwwAuthenticate = "WWW-Authenticate"
    static let requestID = "X-Request-Id"
    static let retryAfter = "Retry-After"
    static let accept = "Accept"
    static let origin = "Origin"
}
