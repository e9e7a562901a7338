extension HTTPRequestParser {
    /// `chunk-size [chunk-ext] CRLF` (RFC 9112 §7.1); false when more bytes are needed.
    mutating func parseChunkSizeLine() throws(HTTPParseError) -> Bool {
        guard
            let lineEnd = try scanLine(
                limit: position + Self.maxChunkLineBytes,
                limitError: .badRequest("A chunk-size line is too long."))
        else { return false }
        let size = try withLine(endingAt: lineEnd) { (bytes) throws(HTTPParseError) in
            try Self.parseChunkSize(bytes)
        }
        if size > limits.maxBodyBytes - body.count { throw .bodyTooLarge }
        consume(lineEnd + 2 - position)
        state = size == 0 ? .trailers : .chunkData(remaining: size)
        return true
    }

    /// The CR LF after a chunk's data, exactly; anything else is an error as soon as it arrives.
    mutating func parseChunkDataEnd() throws(HTTPParseError) -> Bool {
        let available = buffer.count - position
        guard available > 0 else { return false }
        guard buffer[position] == HTTPByteClass.cr else { throw .badRequest("Chunk data is not followed by CR LF.") }
        guard available > 1 else { return false }
        guard buffer[position + 1] == HTTPByteClass.lf else {
            throw .badRequest("Chunk data is not followed by CR LF.")
        }
        consume(2)
        state = .chunkSize
        return true
    }

    /// The trailer section after the last chunk (RFC 9112 §7.1.2): field lines, validated like header fields
    /// and counted against the same limits, then an empty line. Its final CR LF is not counted, so a head at
    /// exactly the limit may still end with an empty trailer section.
    mutating func parseTrailerLines() throws(HTTPParseError) -> Bool {
        while true {
            let remaining = max(2, limits.maxHeaderSectionBytes - head.sectionBytes)
            guard let lineEnd = try scanLine(limit: position + remaining, limitError: .headerSectionTooLarge)
            else { return false }
            let length = lineEnd - position
            if length == 0 {
                consume(2)
                state = .complete
                return true
            }
            if length + 2 > limits.maxHeaderSectionBytes - head.sectionBytes { throw .headerSectionTooLarge }
            guard head.fields.count + trailers.count < limits.maxHeaderCount else { throw .tooManyHeaders }
            let field = try withLine(endingAt: lineEnd) { (bytes) throws(HTTPParseError) in
                let (name, value) = try Self.parseFieldLine(bytes)
                return (name.asciiString(), Self.decodeFieldValue(value))
            }
            trailers.add(field.0, field.1)
            head.sectionBytes += length + 2
            consume(length + 2)
        }
    }

    /// `1*HEXDIG *(BWS ";" BWS name [BWS "=" BWS (token / quoted-string)])`. At most 16 hex digits, and
    /// the size must fit an `Int`.
    static func parseChunkSize(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Int {
        var index = 0
        var size: UInt64 = 0
        while index < line.count, let digit = HTTPByteClass.hexValue(line[index]) {
            guard index < 16 else { throw .badRequest("The chunk size has too many digits.") }
            size = size << 4 | UInt64(digit)
            index += 1
        }
        guard index > 0 else { throw .badRequest("The chunk size is not hexadecimal.") }
        guard size <= UInt64(Int.max) else { throw .badRequest("The chunk size is too large.") }
        try validateChunkExtensions(line, from: index)
        return Int(size)
    }

    private static func validateChunkExtensions(
        _ line: UnsafeBufferPointer<UInt8>, from start: Int
    ) throws(HTTPParseError) {
        let malformed = HTTPParseError.badRequest("A chunk extension is malformed.")
        var index = start
        func skipWhitespace() {
            while index < line.count, HTTPByteClass.isWhitespace(line[index]) { index += 1 }
        }
        func skipToken() -> Bool {
            let tokenStart = index
            while index < line.count, HTTPByteClass.isTokenChar(line[index]) { index += 1 }
            return index > tokenStart
        }
        while index < line.count {
            skipWhitespace()
            guard index < line.count, line[index] == UInt8(ascii: ";") else { throw malformed }
            index += 1
            skipWhitespace()
            guard skipToken() else { throw malformed }
            skipWhitespace()
            guard index < line.count, line[index] == UInt8(ascii: "=") else { continue }
            index += 1
            skipWhitespace()
            if index < line.count, line[index] == UInt8(ascii: "\"") {
                index = try endOfQuotedString(line, from: index)
            } else if !skipToken() {
                throw malformed
            }
        }
    }

    /// The index after the quoted-string starting at `start` (RFC 9110 §5.6.4).
    private static func endOfQuotedString(
        _ line: UnsafeBufferPointer<UInt8>, from start: Int
    ) throws(HTTPParseError) -> Int {
        var index = start + 1
        while index < line.count {
            switch line[index] {
            case UInt8(ascii: "\""):
                return index + 1
            case UInt8(ascii: "\\"):
                guard index + 1 < line.count, HTTPByteClass.isFieldValueByte(line[index + 1]) else {
                    throw .badRequest("A chunk extension has a malformed quoted-pair.")
                }
                index += 2
            case let byte where HTTPByteClass.isFieldValueByte(byte):
                index += 1
            default:
                throw .badRequest("A chunk extension's quoted string holds a control character.")
            }
        }
        throw .badRequest("A chunk extension's quoted string is not closed.")
    }
}
