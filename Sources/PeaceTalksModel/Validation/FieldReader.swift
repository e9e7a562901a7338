import Foundation

/// Reads the members of one JSON object for a validating decoder and collects every problem as a `FieldError`
/// instead of stopping at the first. Absent and `null` members mean the same: "not given".
package struct FieldReader {
    /// The problems found so far, in the order the decoder asked for the fields.
    package private(set) var errors: [FieldError] = []
    private let object: JSONObject
    private let path: String
    /// Strings are taken as they are: neither normalised, measured nor checked as URLs or language tags
    /// (`DecodingMode.replay`).
    private let trustingText: Bool

    /// A reader for `value` at JSON path `path` (empty for the document); a non-object is one error.
    package init(_ value: JSONValue, path: String = "", trustingText: Bool = false) {
        self.path = path
        self.trustingText = trustingText
        if case .object(let object) = value {
            self.object = object
        } else {
            self.object = JSONObject()
            errors.append(FieldError(path, "must be an object, not \(value.typeDescription)"))
        }
    }

    /// The JSON path of member `key`.
    package func path(of key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Records a problem.
    package mutating func fail(_ field: String, _ message: String) { errors.append(FieldError(field, message)) }

    /// Records `errors` of a nested reader.
    package mutating func absorb(_ other: FieldReader) { errors.append(contentsOf: other.errors) }

    /// Reports every member that is not a case of `Keys` as an unknown field (no set built per document).
    package mutating func rejectUnknown<Keys: RawRepresentable>(known: Keys.Type) where Keys.RawValue == String {
        for key in object.keys where Keys(rawValue: key) == nil { fail(path(of: key), "unknown field") }
    }

    /// The member `key`, `nil` when absent or null; records "is required" when `required` and not given.
    package mutating func value(_ key: String, required: Bool = false) -> JSONValue? {
        guard let value = object[key], value != .null else {
            if required { fail(path(of: key), "is required") }
            return nil
        }
        return value
    }

    /// A string of at most `maxLength` scalars with content, NFC-normalised.
    package mutating func string(_ key: String, required: Bool = false, maxLength: Int) -> String? {
        guard let value = value(key, required: required) else { return nil }
        return checkString(value, field: path(of: key), maxLength: maxLength)
    }

    /// Validates a string value at `field`.
    package mutating func checkString(_ value: JSONValue, field: String, maxLength: Int) -> String? {
        guard case .string(let raw) = value else {
            fail(field, "must be a string, not \(value.typeDescription)")
            return nil
        }
        if trustingText { return raw }
        let text = raw.nfc
        guard text.hasContent else {
            fail(field, "must not be empty")
            return nil
        }
        // A string has at most as many scalars as UTF-8 bytes: most need no count.
        guard text.utf8.count <= maxLength || text.unicodeScalars.count <= maxLength else {
            fail(field, "must be at most \(maxLength) characters")
            return nil
        }
        return text
    }

    /// A list of strings (absent → `[]`), each checked like `string`; duplicates are kept as given.
    package mutating func stringList(_ key: String, maxCount: Int, maxLength: Int) -> [String] {
        guard let elements = array(key, maxCount: maxCount) else { return [] }
        let field = path(of: key)
        return elements.enumerated().compactMap { index, element in
            checkString(element, field: "\(field)[\(index)]", maxLength: maxLength)
        }
    }

    private mutating func array(_ key: String, maxCount: Int) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else {
            fail(path(of: key), "must be an array, not \(value.typeDescription)")
            return nil
        }
        guard elements.count <= maxCount else {
            fail(path(of: key), "must have at most \(maxCount) entries")
            return nil
        }
        return elements
    }

    /// A resource id reference.
    package mutating func id(_ key: String, required: Bool = false) -> ResourceID? {
        guard let value = value(key, required: required) else { return nil }
        return checkID(value, field: path(of: key))
    }

    private mutating func checkID(_ value: JSONValue, field: String) -> ResourceID? {
        guard case .string(let text) = value else {
            fail(field, "must be a string id, not \(value.typeDescription)")
            return nil
        }
        guard let id = ResourceID(text) else {
            fail(field, "must be 1–64 characters of a-z, 0-9 and '-', starting with a letter or digit")
            return nil
        }
        return id
    }

    /// A list of distinct resource ids (absent → `[]`).
    package mutating func idList(_ key: String) -> [ResourceID] {
        guard let elements = array(key, maxCount: FieldLimits.referenceCount) else { return [] }
        let field = path(of: key)
        var seen: Set<ResourceID> = []
        var ids: [ResourceID] = []
        for (index, element) in elements.enumerated() {
            guard let id = checkID(element, field: "\(field)[\(index)]") else { continue }
            if seen.insert(id).inserted {
                ids.append(id)
            } else {
                fail("\(field)[\(index)]", "repeats \(id.rawValue)")
            }
        }
        return ids
    }

    /// One of the raw values of `E`.
    package mutating func enumeration<E: RawRepresentable & CaseIterable>(
        _ key: String, as type: E.Type, required: Bool = false
    ) -> E? where E.RawValue == String {
        guard let value = value(key, required: required) else { return nil }
        let allowed = E.allCases.map { $0.rawValue }.joined(separator: ", ")
        guard case .string(let text) = value, let result = E(rawValue: text) else {
            fail(path(of: key), "must be one of: \(allowed)")
            return nil
        }
        return result
    }

    /// A BCP 47 language tag.
    package mutating func languageTag(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard case .string(let tag) = value else {
            fail(path(of: key), "must be a string, not \(value.typeDescription)")
            return nil
        }
        guard trustingText || LanguageTag.isWellFormed(tag) else {
            fail(path(of: key), "must be a BCP 47 language tag such as ar, en or en-GB")
            return nil
        }
        return tag
    }

    /// A `YYYY-MM-DD` date.
    package mutating func date(_ key: String) -> CalendarDate? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value, let date = CalendarDate(text) else {
            fail(path(of: key), "must be a date written YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// An RFC 3339 time.
    package mutating func time(_ key: String) -> Date? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value, let date = Timestamp.parse(text) else {
            fail(path(of: key), "must be an RFC 3339 time such as 2017-01-23T09:00:00Z")
            return nil
        }
        return date
    }

    /// An absolute http(s) URL.
    package mutating func url(_ key: String) -> String? {
        guard let text = string(key, maxLength: WebURL.maxLength) else { return nil }
        guard trustingText || WebURL.isAbsoluteHTTP(text) else {
            fail(path(of: key), "must be an absolute http or https URL with a host")
            return nil
        }
        return text
    }

    /// A LocalizedText: an object of language tag → non-empty string, at least one entry.
    package mutating func localizedText(_ key: String, required: Bool = false, maxLength: Int) -> LocalizedText? {
        guard let value = value(key, required: required) else { return nil }
        let field = path(of: key)
        guard case .object(let members) = value else {
            fail(field, "must be an object of language tag to text, not \(value.typeDescription)")
            return nil
        }
        guard members.count > 0 else {
            fail(field, "must have at least one language")
            return nil
        }
        guard members.count <= FieldLimits.localizedEntryCount else {
            fail(field, "must have at most \(FieldLimits.localizedEntryCount) languages")
            return nil
        }
        var entries: [(tag: String, text: String)] = []
        var tags: Set<String> = []
        let errorCount = errors.count
        for (tag, text) in members {
            let entryField = field + "." + tag
            guard LanguageTag.isWellFormed(tag) else {
                fail(entryField, "is not a BCP 47 language tag such as ar, en or en-GB")
                continue
            }
            guard tags.insert(tag.lowercased()).inserted else {
                fail(entryField, "repeats a language tag")
                continue
            }
            if let text = checkString(text, field: entryField, maxLength: maxLength) { entries.append((tag, text)) }
        }
        return errors.count == errorCount ? LocalizedText(entries) : nil
    }
}
