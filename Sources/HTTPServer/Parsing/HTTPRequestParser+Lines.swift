extension HTTPRequestParser {
    /// Tracks the spaces of a request line while it streams in, so a long target is refused (414) as soon
    /// as it passes the limit, without waiting for the line end.
    struct TargetScan: Sendable {
        /// Index of the first SP relative to the line start, or -1.
        var firstSpace = -1
        var sawSecondSpace = false
    }

    /// Scans the line at `position` for its CR LF, resuming at `scanIndex`. Returns the index of the CR once
    /// the line is complete, nil when more bytes are needed.
    ///
    /// RFC 9112 §2.2 — only CR LF ends a line: a bare LF, or a CR followed by anything but LF, is an error
    /// (a lenient reading is what request smuggling exploits). The byte at index `limit` (absolute) must not be
    /// part of the line: reaching it throws `limitError`. With `target`, the request-target between the first
    /// two spaces may not exceed `limits.maxTargetBytes`.
    mutating func scanLine(
        limit: Int, limitError: HTTPParseError, target: inout TargetScan?
    ) throws(HTTPParseError) -> Int? {
        let lineStart = position
        let maxTarget = limits.maxTargetBytes
        var index = scanIndex
        let result: Int? = try buffer.withUnsafeBufferPointer { (bytes) throws(HTTPParseError) -> Int? in
            while index < bytes.count {
                if index >= limit { throw limitError }
                let byte = bytes[index]
                if byte > HTTPByteClass.cr, byte != HTTPByteClass.space,
                    index == lineStart || bytes[index - 1] != HTTPByteClass.cr
                {
                    index = try Self.skipRun(
                        in: bytes, from: index, to: min(bytes.count, limit), lineStart: lineStart,
                        maxTarget: maxTarget, target: target)
                    continue
                }
                if target != nil {
                    try Self.track(byte, at: index - lineStart, maxTarget: maxTarget, in: &target!)
                }
                if index > lineStart, bytes[index - 1] == HTTPByteClass.cr {
                    guard byte == HTTPByteClass.lf else { throw .badRequest("A bare CR is not a line ending.") }
                    return index - 1
                }
                if byte == HTTPByteClass.lf { throw .badRequest("A bare LF is not a line ending; use CR LF.") }
                index += 1
            }
            return nil
        }
        scanIndex = index
        return result
    }

    /// Scans a line that holds no request-target: the same rules as `scanLine(limit:limitError:target:)`, with a
    /// loop that only stops at CR and LF.
    mutating func scanLine(limit: Int, limitError: HTTPParseError) throws(HTTPParseError) -> Int? {
        var index = scanIndex
        let result: Int? = try buffer.withUnsafeBufferPointer { (bytes) throws(HTTPParseError) -> Int? in
            let end = min(bytes.count, limit)
            while index < end {
                let byte = bytes[index]
                if byte > HTTPByteClass.cr {
                    index += 1
                    continue
                }
                if byte == HTTPByteClass.cr {
                    // The CR's line ends only with an LF in the next byte, which must be within the limit too.
                    guard index + 1 < bytes.count else { return nil }
                    if index + 1 >= limit { throw limitError }
                    guard bytes[index + 1] == HTTPByteClass.lf else {
                        throw .badRequest("A bare CR is not a line ending.")
                    }
                    return index
                }
                if byte == HTTPByteClass.lf { throw .badRequest("A bare LF is not a line ending; use CR LF.") }
                index += 1
            }
            if index < bytes.count { throw limitError }
            return nil
        }
        scanIndex = index
        return result
    }

    /// The end of the run of bytes at `start` that are neither SP nor control characters up to CR (so no line
    /// ends and no space moves the target bounds there), stopping before `end`. Throws where the per-byte
    /// `track` would: at the first byte of the run that lies more than `maxTarget` bytes after the first space
    /// while the second has not been seen.
    @inline(__always)
    private static func skipRun(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, lineStart: Int, maxTarget: Int,
        target: TargetScan?
    ) throws(HTTPParseError) -> Int {
        var index = start + 1
        while index < end {
            let byte = bytes[index]
            if byte <= HTTPByteClass.cr || byte == HTTPByteClass.space { break }
            index += 1
        }
        if let target, target.firstSpace >= 0, !target.sawSecondSpace,
            max(start, lineStart + target.firstSpace + maxTarget + 1) < index
        {
            throw .targetTooLong
        }
        return index
    }

    /// Notes the request line's spaces; throws once the target passes `maxTarget` bytes.
    @inline(__always)
    private static func track(
        _ byte: UInt8, at offset: Int, maxTarget: Int, in target: inout TargetScan
    ) throws(HTTPParseError) {
        if target.firstSpace >= 0, !target.sawSecondSpace, offset - target.firstSpace > maxTarget,
            byte != HTTPByteClass.space
        {
            throw .targetTooLong
        }
        if byte == HTTPByteClass.space {
            if target.firstSpace < 0 { target.firstSpace = offset } else { target.sawSecondSpace = true }
        }
    }

    /// The content of the line from `position` to `end` (its CR), as a buffer valid inside `body` only.
    func withLine<R>(
        endingAt end: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> R
    ) throws(HTTPParseError) -> R {
        let start = position
        return try buffer.withUnsafeBufferPointer { (bytes) throws(HTTPParseError) -> R in
            try body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
    }

    /// Parses a field line (RFC 9112 §5): `name ":" OWS value OWS`.
    ///
    /// obs-fold (a line starting with SP or HTAB) and whitespace before the colon are rejected
    /// (RFC 9112 §5.1–5.2); values may hold HTAB, SP, VCHAR and obs-text, never another control character.
    static func parseFieldLine(
        _ line: UnsafeBufferPointer<UInt8>
    ) throws(HTTPParseError) -> (name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) {
        if let first = line.first, HTTPByteClass.isWhitespace(first) {
            throw .badRequest("Obsolete line folding (obs-fold) is not accepted.")
        }
        var colon = 0
        while colon < line.count, line[colon] != HTTPByteClass.colon {
            guard HTTPByteClass.isTokenChar(line[colon]) else {
                throw .badRequest(
                    HTTPByteClass.isWhitespace(line[colon])
                        ? "Whitespace between a field name and the colon is not accepted."
                        : "A header field name holds a character that is not allowed.")
            }
            colon += 1
        }
        guard colon < line.count else { throw .badRequest("A header field line has no colon.") }
        guard colon > 0 else { throw .badRequest("A header field name is empty.") }
        let value = UnsafeBufferPointer(rebasing: line[(colon + 1)...]).trimmingWhitespace()
        for byte in value where !HTTPByteClass.isFieldValueByte(byte) {
            throw .badRequest("A header field value holds a control character.")
        }
        return (UnsafeBufferPointer(rebasing: line[..<colon]), value)
    }

    /// A field value as a String: UTF-8 when it is valid UTF-8, ISO-8859-1 otherwise (RFC 9110 §5.5 obs-text).
    static func decodeFieldValue(_ value: UnsafeBufferPointer<UInt8>) -> String {
        var ascii = true
        for byte in value where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return value.asciiString() }
        if let utf8 = String(validating: value, as: UTF8.self) { return utf8 }
        var latin1 = String.UnicodeScalarView()
        for byte in value { latin1.append(Unicode.Scalar(byte)) }
        return String(latin1)
    }
}
