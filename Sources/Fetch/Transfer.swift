import CCurl

#if canImport(Glibc)
    import Glibc
#endif

/// One HTTP exchange (one redirect hop) on a fresh easy handle, connected only to pre-checked addresses.
///
/// The state the C callbacks write into lives here; it is passed to libcurl as an unretained pointer and
/// outlives `curl_easy_perform` because `run` holds it.
final class Transfer {
    /// What a hop produced: the response as received, before any redirect or status decision.
    struct Outcome {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        var address: IPAddress?
    }

    private let url: FetchURL
    private let addresses: [IPAddress]
    private let configuration: FetchConfiguration
    private var body: [UInt8] = []
    private var headers: [(name: String, value: String)] = []
    private var headerBytes = 0
    private var bodyTooLarge = false
    private var headersTooLarge = false
    private var refusedAddress: IPAddress?

    /// A hop to `url` that may connect to `addresses` only (each already allowed by the guard).
    init(url: FetchURL, addresses: [IPAddress], configuration: FetchConfiguration) {
        self.url = url
        self.addresses = addresses
        self.configuration = configuration
    }

    /// Performs the exchange within `connectTimeout` / `totalTimeout` (both already cut to the deadline).
    func run(connectTimeout: Duration, totalTimeout: Duration) throws(FetchError) -> Outcome {
        let handle = try EasyHandle()
        try configure(handle, connectTimeout: connectTimeout, totalTimeout: totalTimeout)
        let code = withExtendedLifetime(self) { handle.perform() }
        if let refusedAddress {
            throw .forbiddenAddress(
                host: url.host.description,
                address: refusedAddress.description,
                reason: "libcurl tried to connect to an address that was not checked"
            )
        }
        if bodyTooLarge { throw .tooLarge(limit: configuration.maxBodyBytes) }
        if headersTooLarge { throw .tooLarge(limit: configuration.maxHeaderBytes) }
        guard code == CURLE_OK else {
            throw Self.error(for: code, message: handle.message(for: code), url: url, limit: configuration.maxBodyBytes)
        }
        let primary = handle.stringInfo(CURLINFO_PRIMARY_IP).flatMap(IPAddress.init(numeric:))
        return Outcome(status: handle.longInfo(CURLINFO_RESPONSE_CODE), headers: headers, body: body, address: primary)
    }

    private func configure(_ handle: EasyHandle, connectTimeout: Duration, totalTimeout: Duration) throws(FetchError) {
        try handle.set(CURLOPT_URL, url.description)
        try handle.set(CURLOPT_NOSIGNAL, 1)
        // Only HTTP(S), and no redirect handling in libcurl: the client follows them itself, checking each hop.
        try handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try handle.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try handle.set(CURLOPT_FOLLOWLOCATION, 0)
        // An environment proxy (http_proxy, ALL_PROXY) would connect to addresses we never checked.
        try handle.set(CURLOPT_PROXY, "")
        try handle.set(CURLOPT_NOPROXY, "*")
        if case .name(let name) = url.host {
            // Pin the name to the checked addresses: libcurl never resolves it, so no DNS rebinding window.
            let list = addresses.map { FetchURL.Host.address($0).urlForm }.joined(separator: ",")
            try handle.set(CURLOPT_RESOLVE, list: ["\(name):\(url.port):\(list)"])
        }
        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, connectTimeout.wholeMilliseconds))
        try handle.set(CURLOPT_TIMEOUT_MS, max(1, totalTimeout.wholeMilliseconds))
        // Fails early when Content-Length announces too much; the write callback enforces the decoded size.
        try handle.set(CURLOPT_MAXFILESIZE, configuration.maxBodyBytes)
        try handle.set(CURLOPT_ACCEPT_ENCODING, "")
        try handle.set(CURLOPT_USERAGENT, configuration.userAgent)
        try handle.set(CURLOPT_HTTPHEADER, list: ["Accept: \(configuration.accept)"])
        let context = Unmanaged.passUnretained(self).toOpaque()
        try handle.set(CURLOPT_WRITEFUNCTION, function: Self.writeBody)
        try handle.set(CURLOPT_WRITEDATA, pointer: context)
        try handle.set(CURLOPT_HEADERFUNCTION, function: Self.writeHeader)
        try handle.set(CURLOPT_HEADERDATA, pointer: context)
        try handle.setOpenSocketFunction(Self.openSocket)
        try handle.set(CURLOPT_OPENSOCKETDATA, pointer: context)
    }

    /// Appends decoded body bytes; returning less than given aborts the transfer (CURLE_WRITE_ERROR).
    private static let writeBody: curl_write_callback = { data, size, count, context in
        let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
        let length = size * count
        guard transfer.body.count + length <= transfer.configuration.maxBodyBytes else {
            transfer.bodyTooLarge = true
            return 0
        }
        if let data, length > 0 {
            data.withMemoryRebound(to: UInt8.self, capacity: length) {
                transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
            }
        }
        return length
    }

    /// Receives one header line at a time (status line, fields, blank line) of every response on the hop.
    private static let writeHeader: curl_write_callback = { data, size, count, context in
        let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
        let length = size * count
        transfer.headerBytes += length
        guard transfer.headerBytes <= transfer.configuration.maxHeaderBytes else {
            transfer.headersTooLarge = true
            return 0
        }
        guard let data else { return length }
        let bytes = UnsafeRawBufferPointer(start: data, count: length)
        transfer.addHeaderLine(String(decoding: bytes, as: UTF8.self))
        return length
    }

    /// Opens the socket libcurl asked for, but only towards a checked address: a second line of defence
    /// should anything (a libcurl default, a future option) make it connect somewhere the guard never saw.
    private static let openSocket: curl_opensocket_callback = { context, purpose, address in
        let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
        guard let address else { return CURL_SOCKET_BAD }
        let sockaddrOffset = MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr)!
        let target = IPAddress(socketAddress: UnsafeRawPointer(address) + sockaddrOffset)
        guard purpose == CURLSOCKTYPE_IPCXN, let target, transfer.addresses.contains(target) else {
            transfer.refusedAddress = target ?? .v4(0)
            return CURL_SOCKET_BAD
        }
        let request = address.pointee
        return socket(request.family, request.socktype | Int32(SOCK_CLOEXEC.rawValue), request.protocol)
    }

    private func addHeaderLine(_ rawLine: String) {
        let line = rawLine[...].trimming(\.isNewline)
        if line.hasPrefix("HTTP/") {
            // A new response on this hop (after a 1xx): its fields replace the earlier ones.
            headers.removeAll()
        } else if line.first == " " || line.first == "\t" {
            // RFC 9112 §5.2: obsolete line folding continues the previous field value.
            if !headers.isEmpty { headers[headers.count - 1].value += " " + line.trimming(\.isBlank) }
        } else if let colon = line.firstIndex(of: ":") {
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...].trimming(\.isBlank))))
        }
    }

    /// Turns a failed `curl_easy_perform` into a `FetchError`.
    static func error(for code: CURLcode, message: String, url: FetchURL, limit: Int) -> FetchError {
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        case CURLE_FILESIZE_EXCEEDED:
            return .tooLarge(limit: limit)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dnsFailure(host: url.host.description, reason: message)
        case CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
            CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_USE_SSL_FAILED, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE,
            CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED:
            return .connectionFailed(message)
        case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3,
            CURLE_UNRECOVERABLE_POLL, CURLE_TOO_MANY_REDIRECTS, CURLE_RANGE_ERROR, CURLE_BAD_DOWNLOAD_RESUME:
            return .invalidResponse(message)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return .unsupportedScheme(url.scheme.rawValue)
        case CURLE_URL_MALFORMAT:
            return .invalidURL(url.description, reason: message)
        default:
            return .other(code: Int(code.rawValue), message: message)
        }
    }
}

@available(*, unavailable)
extension Transfer: Sendable {}
