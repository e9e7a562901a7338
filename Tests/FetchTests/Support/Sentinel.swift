import HTTPServer

/// A listening socket that only counts: any connection it ever gets means a refused URL was fetched anyway.
final class Sentinel {
    let host: String
    let port: Int
    private let socket: Socket

    /// Listens on `host` (a loopback address), port 0.
    init(host: String = "127.0.0.1") throws {
        self.host = host
        socket = try Socket.makeListening(host: host, port: 0)
        port = try socket.localAddress().port
    }

    deinit { socket.close() }

    /// Connections that reached the socket so far (the kernel queues completed handshakes until accepted).
    func acceptedConnections() throws -> Int {
        var count = 0
        while let connection = try socket.accept() {
            connection.close()
            count += 1
        }
        return count
    }
}
