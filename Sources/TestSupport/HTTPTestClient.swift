#if canImport(Glibc)
import Glibc
#endif

/// Why the test client stopped.
package enum HTTPTestClientError: Error, Equatable {
    /// A socket call failed with this errno.
    case system(String, Int32)
    /// No byte arrived before the timeout.
    case timedOut
    /// The server closed the connection before a complete response.
    case closed
    /// The response was not valid HTTP/1.x framing.
    case malformed(String)
}

/// A response as the test client read it.
package struct HTTPTestResponse: Sendable {
    /// `HTTP/1.1` or `HTTP/1.0`.
    package var version: String
    package var status: Int
    package var reason: String
    /// Header fields in wire order and spelling.
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    /// The first value of `name` (case-insensitive), or nil.
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body decoded as UTF-8.
    package var text: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking raw-socket HTTP/1.1 client for tests: send any bytes, read responses, detect closes.
///
/// Connects to `127.0.0.1` only. Every read has a timeout, so a misbehaving server fails a test instead of
/// hanging it.
package final class HTTPTestClient {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var reachedEnd = false

    /// Connects to `127.0.0.1:port`; reads and writes give up after `timeout` seconds.
    package init(port: Int, timeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HTTPTestClientError.system("socket", errno) }
        var time = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = HTTPTestClientError.system("connect", errno)
            Glibc.close(fd)
            throw error
        }
    }

    deinit { Glibc.close(fd) }

    /// Sends `text` as UTF-8 (write `\r\n` explicitly).
    package func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Sends `bytes` completely.
    package func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { throw HTTPTestClientError.timedOut }
                throw HTTPTestClientError.system("send", errno)
            }
            offset += written
        }
    }

    /// Closes the sending side; the server reads end-of-file.
    package func shutdownWrite() { Glibc.shutdown(fd, Int32(SHUT_WR)) }

    /// Reads the next final response, skipping `1xx` interim responses unless `interim` is true.
    /// - Parameter method: the request's method; a `HEAD` response has no body whatever its headers say.
    package func readResponse(method: String = "GET", interim: Bool = false) throws -> HTTPTestResponse {
        while true {
            let response = try readOneResponse(method: method)
            if interim || !(100..<200).contains(response.status) { return response }
        }
    }

    /// Reads until the server closes the connection and returns every byte received.
    package func readUntilClose() throws -> [UInt8] {
        while !reachedEnd { try fill() }
        defer { buffer.removeAll() }
        return buffer
    }

    /// Whether the server closes the connection (end-of-file or reset) before the read timeout, discarding
    /// any bytes that arrive before the close.
    package func waitForClose() -> Bool {
        while !reachedEnd {
            do {
                try fill()
            } catch HTTPTestClientError.timedOut {
                return false
            } catch {
                return true
            }
        }
        return true
    }

    private func readOneResponse(method: String) throws -> HTTPTestResponse {
        let headEnd = try readUntil([0x0D, 0x0A, 0x0D, 0x0A])
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw HTTPTestClientError.malformed(String(statusLine))
        }
        var response = HTTPTestResponse(
            version: String(parts[0]), status: status, reason: parts.count > 2 ? String(parts[2]) : "",
            headers: [], body: []
        )
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw HTTPTestClientError.malformed(String(line)) }
            response.headers.append((String(line[..<colon]), Self.trimmed(line[line.index(after: colon)...])))
        }
        if method == "HEAD" || (100..<200).contains(status) || status == 204 || status == 304 { return response }
        if response.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            response.body = try readChunkedBody()
        } else if let length = response.header("Content-Length").flatMap({ Int($0) }) {
            response.body = try readExactly(length)
        } else {
            response.body = try readUntilClose()
        }
        return response
    }

    private func readChunkedBody() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let lineEnd = try readUntil([0x0D, 0x0A])
            let line = String(decoding: buffer[..<lineEnd], as: UTF8.self)
            buffer.removeFirst(lineEnd + 2)
            let sizeText = line.split(separator: ";").first ?? ""
            guard let size = Int(Self.trimmed(sizeText), radix: 16) else {
                throw HTTPTestClientError.malformed(line)
            }
            if size == 0 {
                // Trailer fields up to the empty line.
                while true {
                    let end = try readUntil([0x0D, 0x0A])
                    buffer.removeFirst(end + 2)
                    if end == 0 { return body }
                }
            }
            body += try readExactly(size)
            _ = try readExactly(2)
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count < count {
            if reachedEnd { throw HTTPTestClientError.closed }
            try fill()
        }
        defer { buffer.removeFirst(count) }
        return Array(buffer[..<count])
    }

    /// The index in `buffer` where `pattern` starts, reading until it arrives.
    private func readUntil(_ pattern: [UInt8]) throws -> Int {
        var searchFrom = 0
        while true {
            if buffer.count >= pattern.count {
                for index in searchFrom...(buffer.count - pattern.count)
                where buffer[index..<(index + pattern.count)].elementsEqual(pattern) {
                    return index
                }
                searchFrom = buffer.count - pattern.count + 1
            }
            if reachedEnd { throw HTTPTestClientError.closed }
            try fill()
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
                return
            }
            if count == 0 {
                reachedEnd = true
                return
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw HTTPTestClientError.timedOut
            case ECONNRESET:
                reachedEnd = true
                throw HTTPTestClientError.closed
            default: throw HTTPTestClientError.system("recv", errno)
            }
        }
    }

    private static func trimmed(_ text: Substring) -> String {
        var slice = text
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
