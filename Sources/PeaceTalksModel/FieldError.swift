/// One broken rule of a request body: `field` is a JSON path (`name`, `location.country`, `aliases[2]`), the
/// message is English and meant for people.
package struct FieldError: Hashable, Sendable, CustomStringConvertible {
    /// The JSON path of the offending value (empty for the document itself).
    package var field: String
    /// What is wrong, in English.
    package var message: String

    /// Makes an error for `field`.
    package init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    package var description: String { field.isEmpty ? message : "\(field): \(message)" }
}

/// The failure of a validating decoder: every broken rule, in document order.
package struct ValidationFailure: Error, Hashable, Sendable {
    /// The broken rules; never empty.
    package var errors: [FieldError]

    /// Wraps a non-empty list of errors.
    package init(_ errors: [FieldError]) { self.errors = errors }
}
