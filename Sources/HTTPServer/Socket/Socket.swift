import CSystem

#if canImport(Glibc)
import Glibc
#endif

/// A non-blocking TCP socket file descriptor. A plain value: closing it is explicit.
package struct Socket: Sendable, Hashable {
    /// The file descriptor.
    package let fd: Int32

    package init(fd: Int32) { self.fd = fd }

    /// Outcome of a non-blocking read or write.
    package enum IOResult: Equatable {
        /// This many bytes were transferred (never 0 for a read: that is `endOfFile`).
        case bytes(Int)
        /// The call would block (`EAGAIN`).
        case wouldBlock
        /// The peer closed its sending side (a read returned 0).
        case endOfFile
    }

    /// Creates a non-blocking listening socket bound to `host:port` (`::` listens on IPv6 and IPv4).
    package static func makeListening(host: String, port: Int, backlog: Int32 = 1024) throws -> Socket {
        try SocketAddress.withSockAddr(host: host, port: port) { address, length, family in
            let fd = Glibc.socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
                | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw SocketError.makeFailed("socket") }
            let socket = Socket(fd: fd)
            do {
                try socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR")
                if family == AF_INET6 {
                    // Dual stack: `::` also accepts IPv4 (as mapped addresses) whatever the sysctl default.
                    try socket.setOption(Int32(IPPROTO_IPV6), IPV6_V6ONLY, 0, "IPV6_V6ONLY")
                }
                guard Glibc.bind(fd, address, length) == 0 else { throw SocketError.makeFailed("bind") }
                guard Glibc.listen(fd, backlog) == 0 else { throw SocketError.makeFailed("listen") }
            } catch {
                socket.close()
                throw error
            }
            return socket
        }
    }

    /// The address the socket is bound to (the real port after binding port 0).
    package func localAddress() throws -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw SocketError.makeFailed("getsockname") }
        guard let address = SocketAddress(storage) else {
            throw SocketError(operation: "getsockname", errno: EAFNOSUPPORT)
        }
        return address
    }

    /// Accepts one pending connection as a non-blocking socket with `TCP_NODELAY`, or nil when none is pending.
    package func accept() throws -> Socket? {
        while true {
            let client = csystem_accept4(fd, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
            if client >= 0 {
                let socket = Socket(fd: client)
                // Head and body go out in one sendmsg; without TCP_NODELAY a second segment can wait 40 ms.
                try? socket.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1, "TCP_NODELAY")
                return socket
            }
            switch Glibc.errno {
            case EINTR, ECONNABORTED: continue
            case EAGAIN, EWOULDBLOCK: return nil
            default: throw SocketError.makeFailed("accept4")
            }
        }
    }

    /// Reads at most `buffer.count` bytes.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> IOResult {
        while true {
            let count = csystem_read(fd, buffer.baseAddress, buffer.count)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .endOfFile }
            switch Glibc.errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: throw SocketError.makeFailed("read")
            }
        }
    }

    /// Writes the buffers in one `sendmsg` (a `writev` that cannot raise `SIGPIPE`).
    package func write(_ vectors: UnsafeMutablePointer<iovec>, count: Int) throws(SocketError) -> IOResult {
        while true {
            let written = csystem_sendmsg(fd, vectors, count, Int32(MSG_NOSIGNAL))
            if written >= 0 { return .bytes(written) }
            switch Glibc.errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: throw SocketError.makeFailed("sendmsg")
            }
        }
    }

    /// Ends the sending side (`shutdown(SHUT_WR)`): the peer reads end-of-file after the bytes already sent.
    package func shutdownWrite() { _ = Glibc.shutdown(fd, Int32(SHUT_WR)) }

    /// Shuts both directions down; on a listening socket this stops listening (accepts fail with `EINVAL`).
    package func shutdownReadWrite() { _ = Glibc.shutdown(fd, Int32(SHUT_RDWR)) }

    /// Closes the descriptor.
    package func close() { _ = Glibc.close(fd) }

    private func setOption(_ level: Int32, _ name: Int32, _ value: Int32, _ label: String) throws {
        var value = value
        guard setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SocketError.makeFailed("setsockopt(\(label))")
        }
    }
}
