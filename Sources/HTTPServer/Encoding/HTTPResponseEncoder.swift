/// Turns a response into the bytes of its status line and header section. Pure: no I/O, no clock.
///
/// This is the one place that sets `Date`, `Content-Length` and `Connection`; the same fields set by a
/// handler are dropped. The body is not copied here: the connection sends it from the response's own
/// storage in the same `sendmsg` as the head.
package enum HTTPResponseEncoder {
    /// What the `Connection` field says.
    package enum ConnectionField: Sendable, Equatable {
        /// No field: the default of the protocol applies (persistent for HTTP/1.1).
        case omitted
        /// `Connection: keep-alive`, for an HTTP/1.0 client that asked for it.
        case keepAlive
        /// `Connection: close`: the server closes after this response.
        case close
    }

    /// Appends the head of `response` (status line, fields, empty line) to `buffer`.
    /// - Parameters:
    ///   - connection: the `Connection` field to write.
    ///   - date: the current IMF-fixdate bytes (see `HTTPDate`).
    package static func encodeHead(
        _ response: HTTPResponse,
        connection: ConnectionField,
        date: [UInt8],
        into buffer: inout [UInt8]
    ) {
        buffer.append(contentsOf: statusLinePrefix)
        appendDecimal(response.status.code, to: &buffer)
        buffer.append(0x20)
        appendUTF8(response.status.reasonPhrase, to: &buffer)
        buffer.append(contentsOf: crlf)
        for field in response.headers.fields where !isReserved(field.name) {
            appendUTF8(field.name, to: &buffer)
            buffer.append(contentsOf: colonSpace)
            appendUTF8(field.value, to: &buffer)
            buffer.append(contentsOf: crlf)
        }
        // RFC 9110 §8.6: no Content-Length in 1xx or 204; a 304's would describe a body we never send.
        if !response.status.forbidsBody {
            buffer.append(contentsOf: contentLengthPrefix)
            appendDecimal(response.body.count, to: &buffer)
            buffer.append(contentsOf: crlf)
        }
        switch connection {
        case .omitted: break
        case .keepAlive: buffer.append(contentsOf: keepAliveField)
        case .close: buffer.append(contentsOf: closeField)
        }
        buffer.append(contentsOf: datePrefix)
        buffer.append(contentsOf: date)
        buffer.append(contentsOf: crlf)
        buffer.append(contentsOf: crlf)
    }

    /// Whether the body of `response` goes on the wire: never for HEAD, 1xx, 204 or 304.
    package static func sendsBody(_ response: HTTPResponse, requestMethod: HTTPMethod) -> Bool {
        !response.body.isEmpty && !response.status.forbidsBody && requestMethod != .head
    }

    /// The interim response asked for by `Expect: 100-continue`.
    package static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private static let statusLinePrefix: [UInt8] = Array("HTTP/1.1 ".utf8)
    private static let crlf: [UInt8] = [0x0D, 0x0A]
    private static let colonSpace: [UInt8] = [UInt8(ascii: ":"), 0x20]
    private static let contentLengthPrefix: [UInt8] = Array("Content-Length: ".utf8)
    private static let keepAliveField: [UInt8] = Array("Connection: keep-alive\r\n".utf8)
    private static let closeField: [UInt8] = Array("Connection: close\r\n".utf8)
    private static let datePrefix: [UInt8] = Array("Date: ".utf8)

    /// Fields the encoder owns. Compared by length first: most names are ruled out without a byte compare.
    private static func isReserved(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: name.equalsIgnoringASCIICase(HTTPHeaders.date)
        case 10: name.equalsIgnoringASCIICase(HTTPHeaders.connection)
        case 14: name.equalsIgnoringASCIICase(HTTPHeaders.contentLength)
        case 17: name.equalsIgnoringASCIICase(HTTPHeaders.transferEncoding)
        default: false
        }
    }

    /// One `memcpy` from the string's contiguous UTF-8 (appending `utf8` goes through the generic sequence path).
    private static func appendUTF8(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    private static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
