import Foundation

extension String {
    /// This string in Unicode Normalization Form C; ASCII strings are returned as they are.
    package var nfc: String {
        isASCII ? self : precomposedStringWithCanonicalMapping
    }

    /// Whether every byte is ASCII; checked eight bytes at a time (a 3 KB body is checked on every write).
    var isASCII: Bool {
        var text = self
        return text.withUTF8 { bytes in
            var index = 0
            var combined: UInt64 = 0
            while index + 8 <= bytes.count {
                combined |= UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
            while index < bytes.count {
                combined |= UInt64(bytes[index])
                index += 1
            }
            return combined & 0x8080_8080_8080_8080 == 0
        }
    }

    /// Whether the string contains something other than white space.
    package var hasContent: Bool {
        unicodeScalars.contains { !$0.properties.isWhitespace }
    }
}
