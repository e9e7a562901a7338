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
        // RFC 9110 §8.6: no Content-Length in 1xx or 204; a 304's would describe a body we never send.
        let contentLength = response.status.forbidsBody ? nil : response.body.count
        let connectionLine: StaticString? =
            switch connection {
            case .omitted: nil
            case .keepAlive: "Connection: keep-alive\r\n"
            case .close: "Connection: close\r\n"
            }
        // Sized first, then filled by memcpy: one allocation check instead of one per field.
        var size = 9 + decimalLength(response.status.code) + 1 + response.status.reasonPhrase.utf8.count + 2
        // Handlers rarely set a reserved field: then the second pass need not look for them again.
        var hasReservedFields = false
        let fields = response.headers.fields
        for field in fields {
            if isReserved(field.name) {
                hasReservedFields = true
            } else {
                size += field.name.utf8.count + 2 + field.value.utf8.count + 2
            }
        }
        if let contentLength { size += 16 + decimalLength(contentLength) + 2 }
        size += (connectionLine?.utf8CodeUnitCount ?? 0) + 6 + date.count + 4
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: size))
        buffer.withUnsafeMutableBufferPointer { bytes in
            var writer = ByteWriter(next: bytes.baseAddress! + start)
            writer.writeLiteral("HTTP/1.1 ")
            writer.writeDecimal(response.status.code)
            writer.writeLiteral(" ")
            writer.write(response.status.reasonPhrase)
            writer.writeLiteral("\r\n")
            for field in fields where !hasReservedFields || !isReserved(field.name) {
                writer.write(field.name)
                writer.writeLiteral(": ")
                writer.write(field.value)
                writer.writeLiteral("\r\n")
            }
            if let contentLength {
                writer.writeLiteral("Content-Length: ")
                writer.writeDecimal(contentLength)
                writer.writeLiteral("\r\n")
            }
            if let connectionLine { writer.writeLiteral(connectionLine) }
            writer.writeLiteral("Date: ")
            writer.write(date)
            writer.writeLiteral("\r\n\r\n")
            assert(writer.next == bytes.baseAddress! + start + size)
        }
    }

    /// Whether the body of `response` goes on the wire: never for HEAD, 1xx, 204 or 304.
    package static func sendsBody(_ response: HTTPResponse, requestMethod: HTTPMethod) -> Bool {
        !response.body.isEmpty && !response.status.forbidsBody && requestMethod != .head
    }

    /// The interim response asked for by `Expect: 100-continue`.
    package static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

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

    /// The number of decimal digits of `value` (≥ 0).
    fileprivate static func decimalLength(_ value: Int) -> Int {
        var length = 1
        var rest = value / 10
        while rest > 0 {
            length += 1
            rest /= 10
        }
        return length
    }
}

/// Copies bytes forward from `next`, into space already sized for them.
private struct ByteWriter {
    var next: UnsafeMutablePointer<UInt8>

    mutating func writeLiteral(_ text: StaticString) {
        next.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        next += text.utf8CodeUnitCount
    }

    /// Inlined: as a call it made `encodeHead` retain and release the name and value of every field around it.
    @inline(__always)
    mutating func write(_ text: String) {
        // Copied by the UTF-8 view itself (a memcpy for native and small strings); `withContiguousStorageIfAvailable`
        // retained and released the string around the copy.
        next += UnsafeMutableBufferPointer(start: next, count: text.utf8.count).initialize(fromContentsOf: text.utf8)
    }

    mutating func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        next.update(from: base, count: bytes.count)
        next += bytes.count
    }

    /// `value` (≥ 0) in decimal, written from the last digit back.
    mutating func writeDecimal(_ value: Int) {
        let length = HTTPResponseEncoder.decimalLength(value)
        var rest = value
        for index in (0..<length).reversed() {
            next[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        next += length
    }
}
