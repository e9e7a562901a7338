/// An absolute `http`/`https` URL in the canonical form handed to libcurl.
///
/// Parsing is strict on the authority (no credentials, no percent-encoding, no zone ids, every IPv4 spelling
/// normalised to a dotted quad) so that the host the SSRF check judges is exactly the host libcurl connects to.
/// Path and query are kept, with bytes outside RFC 3986 percent-encoded; the fragment is dropped.
package struct FetchURL: Hashable, Sendable, CustomStringConvertible {
    /// The two schemes a fetch may use.
    package enum Scheme: String, Sendable {
        case http, https

        /// 80 or 443.
        package var defaultPort: Int { self == .http ? 80 : 443 }
    }

    /// A host: an address literal or a (lower-cased, ASCII) domain name.
    package enum Host: Hashable, Sendable, CustomStringConvertible {
        case address(IPAddress)
        case name(String)

        /// The dotted quad, the bare IPv6 address, or the name.
        package var description: String {
            switch self {
            case .address(let address): address.description
            case .name(let name): name
            }
        }

        /// The host as written in a URL (IPv6 in brackets).
        package var urlForm: String {
            if case .address(.v6) = self { "[\(description)]" } else { description }
        }
    }

    /// `http` or `https`.
    package let scheme: Scheme
    /// The canonical host: an address literal or a lower-case name.
    package let host: Host
    /// The effective port (the scheme's default when the URL names none).
    package let port: Int
    /// The path, starting with `/`, dot segments removed.
    package let path: String
    /// The query without its `?`, or nil.
    package let query: String?

    /// The canonical URL string.
    package var description: String {
        let portPart = port == scheme.defaultPort ? "" : ":\(port)"
        return "\(scheme.rawValue)://\(host.urlForm)\(portPart)\(path)\(query.map { "?\($0)" } ?? "")"
    }

    /// Parses an absolute URL.
    package init(parsing text: String) throws(FetchError) {
        let input = try Self.trimmed(text)
        guard let colon = input.firstIndex(of: ":"), Self.isScheme(input[..<colon]) else {
            throw .invalidURL(input, reason: "it is not an absolute URL with a scheme")
        }
        let schemeText = input[..<colon].lowercased()
        guard let scheme = Scheme(rawValue: schemeText) else { throw .unsupportedScheme(schemeText) }
        let rest = input[input.index(after: colon)...]
        guard rest.hasPrefix("//") else { throw .invalidURL(input, reason: "the host is missing") }
        let afterSlashes = rest.dropFirst(2)
        let authorityEnd = afterSlashes.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterSlashes.endIndex
        let (host, port) = try Self.parseAuthority(afterSlashes[..<authorityEnd], url: input, scheme: scheme)
        let (path, query) = Self.splitReference(afterSlashes[authorityEnd...])
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = Self.removeDotSegments(Self.percentEncoded(path.isEmpty ? "/" : path, allowing: ""))
        self.query = query.map { Self.percentEncoded($0, allowing: "?") }
    }

    /// Resolves a reference (a `Location` value) against this URL, as RFC 3986 §5.2 does.
    package func resolving(_ reference: String) throws(FetchError) -> FetchURL {
        let input = try Self.trimmed(reference)
        if let colon = input.firstIndex(of: ":"), Self.isScheme(input[..<colon]) {
            return try FetchURL(parsing: input)
        }
        if input.hasPrefix("//") { return try FetchURL(parsing: "\(scheme.rawValue):\(input)") }
        let (referencePath, referenceQuery) = Self.splitReference(input[...])
        let newPath: String
        let newQuery: String?
        if referencePath.isEmpty {
            newPath = path
            newQuery = referenceQuery ?? query
        } else if referencePath.hasPrefix("/") {
            newPath = referencePath
            newQuery = referenceQuery
        } else {
            newPath = path[...(path.lastIndex(of: "/") ?? path.startIndex)] + referencePath
            newQuery = referenceQuery
        }
        let portPart = port == scheme.defaultPort ? "" : ":\(port)"
        let queryPart = newQuery.map { "?\($0)" } ?? ""
        return try FetchURL(parsing: "\(scheme.rawValue)://\(host.urlForm)\(portPart)\(newPath)\(queryPart)")
    }

    /// Strips leading and trailing spaces and refuses control characters anywhere.
    private static func trimmed(_ text: String) throws(FetchError) -> String {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        if trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw .invalidURL(trimmed.debugDescription, reason: "it contains control characters")
        }
        return trimmed
    }

    private static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    private static func parseAuthority(
        _ authority: Substring,
        url: String,
        scheme: Scheme
    ) throws(FetchError) -> (Host, Int) {
        if authority.contains("@") {
            throw .invalidURL(url, reason: "credentials (user@host) are not allowed in the URL")
        }
        var hostText = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw .invalidURL(url, reason: "the IPv6 address has no closing bracket")
            }
            hostText = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidURL(url, reason: "junk follows the IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostText = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        let host = try parseHost(hostText, bracketed: authority.hasPrefix("["), url: url)
        var port = scheme.defaultPort
        if let portText, !portText.isEmpty {
            guard portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
                let number = Int(portText), (1...65535).contains(number)
            else { throw .invalidURL(url, reason: "the port \"\(portText)\" is not a number from 1 to 65535") }
            port = number
        }
        return (host, port)
    }

    private static func parseHost(_ text: Substring, bracketed: Bool, url: String) throws(FetchError) -> Host {
        if bracketed {
            // RFC 6874 zone ids (`fe80::1%25eth0`) pick an interface: only meaningful for local addresses.
            if let percent = text.firstIndex(of: "%") {
                throw .forbiddenAddress(
                    host: String(text),
                    address: String(text[..<percent]),
                    reason: "IPv6 zone identifiers (interface scopes) are not allowed"
                )
            }
            guard let address = IPAddress(ipv6Literal: String(text)) else {
                throw .invalidURL(url, reason: "\"\(text)\" is not an IPv6 address")
            }
            return .address(address)
        }
        guard !text.isEmpty else { throw .invalidURL(url, reason: "the host is empty") }
        guard text.utf8.count <= 253,
            text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) })
        else {
            throw .invalidURL(url, reason: "the host \"\(text)\" is not a plain ASCII host name (use punycode)")
        }
        let name = text.lowercased()
        switch IPAddress.parseIPv4(name) {
        case .notIPv4: return .name(name)
        case .address(let address): return .address(address)
        case .invalid: throw .invalidURL(url, reason: "the host \"\(text)\" ends in a number but is no IPv4 address")
        }
    }

    /// Splits `path?query#fragment` (the fragment is dropped).
    private static func splitReference(_ text: Substring) -> (path: String, query: String?) {
        let withoutFragment = text[..<(text.firstIndex(of: "#") ?? text.endIndex)]
        guard let question = withoutFragment.firstIndex(of: "?") else { return (String(withoutFragment), nil) }
        return (
            String(withoutFragment[..<question]), String(withoutFragment[withoutFragment.index(after: question)...])
        )
    }

    /// Percent-encodes every byte outside RFC 3986 `pchar` / `/` (plus `extra`), keeping valid `%XX` escapes.
    private static func percentEncoded(_ text: String, allowing extra: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/".utf8)
            .union(extra.utf8)
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            let isEscape =
                byte == UInt8(ascii: "%") && index + 2 < bytes.count
                && bytes[index + 1].isHexDigit && bytes[index + 2].isHexDigit
            if allowed.contains(byte) || isEscape {
                output.append(byte)
            } else {
                output.append(contentsOf: percentEscape(byte).utf8)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// RFC 3986 §5.2.4.
    private static func removeDotSegments(_ path: String) -> String {
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}

/// `%XX` with upper-case hex digits.
private func percentEscape(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "%\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
}
