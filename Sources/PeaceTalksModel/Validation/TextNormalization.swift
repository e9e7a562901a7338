import Foundation

extension String {
    /// This string in Unicode Normalization Form C; ASCII strings are returned as they are.
    package var nfc: String {
        utf8.allSatisfy({ $0 < 0x80 }) ? self : precomposedStringWithCanonicalMapping
    }

    /// Whether the string contains something other than white space.
    package var hasContent: Bool {
        unicodeScalars.contains { !$0.properties.isWhitespace }
    }
}
