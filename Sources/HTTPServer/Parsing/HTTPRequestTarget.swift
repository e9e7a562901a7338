/// A request target taken apart (RFC 9112 §3.2): the decoded path and query of origin-form and
/// absolute-form targets, `*` for asterisk-form, the authority itself for authority-form.
struct HTTPRequestTarget {
    var path: String
    var query: [(name: String, value: String)]
    /// Absolute-form names the host itself, so an HTTP/1.1 request needs no `Host` field with it.
    var carriesAuthority: Bool

    /// Parses a target whose bytes are already known to be visible ASCII; `text` is the same target as a String.
    init(parsing target: UnsafeBufferPointer<UInt8>, text: String, method: HTTPMethod) throws(HTTPParseError) {
        if method == .connect {
            // RFC 9112 §3.2.3 — CONNECT takes authority-form (host:port), and only CONNECT does.
            guard HTTPRequestTarget.isValidAuthority(target, requireHost: true, requirePort: true) else {
                throw .badRequest("CONNECT needs an authority-form target (host:port).")
            }
            self.init(path: target.asciiString(), query: [], carriesAuthority: true)
            return
        }
        switch target.first {
        case UInt8(ascii: "/"):
            try self.init(pathAndQuery: target, carriesAuthority: false, text: text)
        case UInt8(ascii: "*") where target.count == 1:
            // RFC 9112 §3.2.4 — asterisk-form is only for a server-wide OPTIONS.
            guard method == .options else { throw .badRequest("The target * is only allowed with OPTIONS.") }
            self.init(path: "*", query: [], carriesAuthority: false)
        default:
            try self.init(absoluteForm: target)
        }
    }

    private init(path: String, query: [(name: String, value: String)], carriesAuthority: Bool) {
        self.path = path
        self.query = query
        self.carriesAuthority = carriesAuthority
    }

    /// RFC 9112 §3.2.2 — `http://host[:port]/path?query`: the authority is checked, path and query are kept.
    private init(absoluteForm target: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) {
        let schemeLength: Int
        if target.count >= 7, UnsafeBufferPointer(rebasing: target[0..<7]).equalsLowercased("http://") {
            schemeLength = 7
        } else if target.count >= 8, UnsafeBufferPointer(rebasing: target[0..<8]).equalsLowercased("https://") {
            schemeLength = 8
        } else {
            throw .badRequest("The request target is not in origin-form or absolute-form.")
        }
        var end = schemeLength
        while end < target.count, target[end] != UInt8(ascii: "/"), target[end] != UInt8(ascii: "?") { end += 1 }
        let authority = UnsafeBufferPointer(rebasing: target[schemeLength..<end])
        guard HTTPRequestTarget.isValidAuthority(authority, requireHost: true, requirePort: false) else {
            throw .badRequest("The request target's authority is invalid.")
        }
        let rest = UnsafeBufferPointer(rebasing: target[end...])
        if rest.first == UInt8(ascii: "/") {
            try self.init(pathAndQuery: rest, carriesAuthority: true, text: nil)
        } else {
            self.init(path: "/", query: try HTTPRequestTarget.decodeQuery(rest.dropFirstByte()), carriesAuthority: true)
        }
    }

    /// `text`, when given, is `pathAndQuery` as a String: the path without a query or escapes is that String.
    private init(
        pathAndQuery: UnsafeBufferPointer<UInt8>, carriesAuthority: Bool, text: String?
    ) throws(HTTPParseError) {
        var pathEnd = 0
        // Whether the path has no escape and no fragment, found in the same pass: then it needs no decoding and
        // no second scan.
        var isPlain = true
        while pathEnd < pathAndQuery.count {
            let byte = pathAndQuery[pathEnd]
            // Letters, the bulk of a path, are above all three bytes looked for.
            if byte < UInt8(ascii: "@") {
                if byte == UInt8(ascii: "?") { break }
                if byte == UInt8(ascii: "%") || byte == UInt8(ascii: "#") { isPlain = false }
            }
            pathEnd += 1
        }
        let path = UnsafeBufferPointer(rebasing: pathAndQuery[..<pathEnd])
        let query = UnsafeBufferPointer(rebasing: pathAndQuery[pathEnd...])
        let decodedPath =
            if !isPlain { try HTTPRequestTarget.percentDecode(path, plusIsSpace: false) }
            else if pathEnd == pathAndQuery.count, let text { text }
            else { path.asciiString() }
        self.init(
            path: decodedPath,
            query: try HTTPRequestTarget.decodeQuery(query.dropFirstByte()),
            carriesAuthority: carriesAuthority
        )
    }

    /// Splits a query on `&`, then on the first `=`; empty pieces (`a&&b`) are skipped.
    static func decodeQuery(
        _ query: UnsafeBufferPointer<UInt8>
    ) throws(HTTPParseError) -> [(name: String, value: String)] {
        if query.isEmpty { return [] }
        var items: [(name: String, value: String)] = []
        for piece in query.split(byte: UInt8(ascii: "&")) where !piece.isEmpty {
            var equals = 0
            while equals < piece.count, piece[equals] != UInt8(ascii: "=") { equals += 1 }
            let name = try percentDecode(UnsafeBufferPointer(rebasing: piece[..<equals]), plusIsSpace: true)
            let value = equals < piece.count
                ? try percentDecode(UnsafeBufferPointer(rebasing: piece[(equals + 1)...]), plusIsSpace: true)
                : ""
            items.append((name, value))
        }
        return items
    }

    /// Decodes `%XX` (and `+` as a space in queries). A malformed escape, `%00`, a fragment (`#`) or
    /// bytes that are not UTF-8 after decoding make the request malformed.
    static func percentDecode(
        _ bytes: UnsafeBufferPointer<UInt8>, plusIsSpace: Bool
    ) throws(HTTPParseError) -> String {
        var needsDecoding = false
        for byte in bytes {
            if byte == UInt8(ascii: "%") || (plusIsSpace && byte == UInt8(ascii: "+")) { needsDecoding = true }
            // RFC 9112 §3.2.1 — a fragment is never part of a request target.
            if byte == UInt8(ascii: "#") { throw .badRequest("The request target contains a fragment.") }
        }
        if !needsDecoding { return bytes.asciiString() }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let high = HTTPByteClass.hexValue(bytes[i + 1]),
                    let low = HTTPByteClass.hexValue(bytes[i + 2])
                else { throw .badRequest("The request target has a malformed percent-escape.") }
                let value = high << 4 | low
                if value == 0 { throw .badRequest("The request target contains %00.") }
                decoded.append(value)
                i += 3
            } else {
                decoded.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                i += 1
            }
        }
        guard let string = String(validating: decoded, as: UTF8.self) else {
            throw .badRequest("The request target does not decode to UTF-8.")
        }
        return string
    }

    /// `uri-host [":" port]` (RFC 3986 §3.2.2): an IP-literal in brackets or a reg-name (percent-escapes
    /// allowed), then an optional all-digit port. An empty host is valid in `Host` (RFC 9110 §7.2), not in a target.
    static func isValidAuthority(_ bytes: UnsafeBufferPointer<UInt8>, requireHost: Bool, requirePort: Bool) -> Bool {
        var i = 0
        if bytes.first == UInt8(ascii: "[") {
            i = 1
            while i < bytes.count, bytes[i] != UInt8(ascii: "]") {
                let byte = bytes[i]
                guard HTTPByteClass.isRegNameChar(byte) || byte == HTTPByteClass.colon else { return false }
                i += 1
            }
            guard i < bytes.count, i > 1 else { return false }
            i += 1
        } else {
            while i < bytes.count, bytes[i] != HTTPByteClass.colon {
                let byte = bytes[i]
                if byte == UInt8(ascii: "%") {
                    guard i + 2 < bytes.count, HTTPByteClass.hexValue(bytes[i + 1]) != nil,
                        HTTPByteClass.hexValue(bytes[i + 2]) != nil
                    else { return false }
                    i += 3
                    continue
                }
                guard HTTPByteClass.isRegNameChar(byte) else { return false }
                i += 1
            }
        }
        if requireHost && i == 0 { return false }
        if i == bytes.count { return !requirePort }
        guard bytes[i] == HTTPByteClass.colon else { return false }
        let port = bytes.count - i - 1
        guard port <= 5, port > 0 || !requirePort else { return false }
        for j in (i + 1)..<bytes.count where !HTTPByteClass.isDigit(bytes[j]) { return false }
        return true
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes after the first one (empty stays empty).
    fileprivate func dropFirstByte() -> UnsafeBufferPointer<UInt8> {
        isEmpty ? self : UnsafeBufferPointer(rebasing: self[1...])
    }
}
