import HTTPServer

/// Strict reading of a request's query parameters: every name must be known to the endpoint, single-valued
/// parameters may appear once, and a repeated or comma-separated value of a multi-valued one means OR.
/// Every failure is an `APIError.badQuery` naming the parameter.
struct QueryParameters {
    private var values: [String: [String]] = [:]

    /// Groups the request's parameters by name, refusing any name not in `allowed`.
    init(_ query: [(name: String, value: String)], allowed: Set<String>) throws(APIError) {
        for (name, value) in query {
            guard allowed.contains(name) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw .badQuery("Unknown query parameter \"\(name)\". This endpoint accepts: \(known).")
            }
            values[name, default: []].append(value)
        }
    }

    /// The only value of `name`, or nil when absent; a second occurrence is a 400.
    func single(_ name: String) throws(APIError) -> String? {
        guard let list = values[name] else { return nil }
        guard list.count == 1 else { throw .badQuery("Query parameter \"\(name)\" may be given only once.") }
        return list[0]
    }

    /// Every value of `name`, repeated occurrences and comma-separated lists flattened; empty members are a 400.
    func multiple(_ name: String) throws(APIError) -> [String] {
        guard let list = values[name] else { return [] }
        var result: [String] = []
        for value in list {
            for member in value.split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = member.trimmingASCIIWhitespace()
                guard !trimmed.isEmpty else { throw .badQuery("Query parameter \"\(name)\" has an empty value.") }
                if !result.contains(trimmed) { result.append(trimmed) }
            }
        }
        return result
    }

    /// `true`/`false` (absent: false).
    func flag(_ name: String) throws(APIError) -> Bool {
        switch try single(name) {
        case nil, "false": return false
        case "true": return true
        case let other?: throw .badQuery("Query parameter \"\(name)\" must be true or false, not \"\(other)\".")
        }
    }

    /// `limit`: an integer 1–100, default 20.
    func limit(default defaultValue: Int = 20, maximum: Int = 100) throws(APIError) -> Int {
        guard let text = try single("limit") else { return defaultValue }
        guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text), (1...maximum).contains(value)
        else { throw .badQuery("Query parameter \"limit\" must be an integer from 1 to \(maximum), not \"\(text)\".") }
        return value
    }
}
