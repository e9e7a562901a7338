import Foundation

/// The command line of a peer server (`--port N --payloads DIR`) and the payloads it serves, read once.
package struct PeerOptions: Sendable {
    /// The TCP port to bind on 127.0.0.1; `0` picks a free one.
    package var port: UInt16
    /// The body of `GET /health`.
    package var health: [UInt8]
    /// The body of `GET /v1/articles/{id}`, whatever the id.
    package var article: [UInt8]
    /// The body of `GET /v1/articles`.
    package var list: [UInt8]

    /// Parses `arguments` and reads the payload files; on any problem prints one line and exits with code 2.
    package static func parse(_ arguments: [String] = CommandLine.arguments) -> PeerOptions {
        var port: String?
        var directory: String?
        var rest = arguments.dropFirst()
        while let flag = rest.popFirst() {
            switch (flag, rest.popFirst()) {
            case ("--port", let value?): port = value
            case ("--payloads", let value?): directory = value
            default: fail("usage: \(arguments.first ?? "peer") --port N --payloads DIR")
            }
        }
        guard let port, let directory else { fail("--port N and --payloads DIR are required") }
        guard let port = UInt16(port) else { fail("--port must be 0–65535, not '\(port)'") }
        return PeerOptions(
            port: port,
            health: read("health.json", in: directory),
            article: read("article.json", in: directory),
            list: read("list.json", in: directory)
        )
    }

    private static func read(_ name: String, in directory: String) -> [UInt8] {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
        return [UInt8](data)
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        exit(2)
    }
}

/// Writes the line `run.sh` waits for (the same shape `peacetalks serve` prints), unbuffered.
package func announceListening(port: Int) {
    FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(port)\n".utf8))
}
