import Foundation
import TestSupport
import Testing

/// `peacetalks serve` with a data directory, as a process: the directory lock and offline commands.
@Suite(.timeLimit(.minutes(1)))
struct DataDirectoryProcessTests {
    private func makeProcess(_ arguments: [String]) -> (Process, Pipe, Pipe) {
        PeaceTalksProcess.make(arguments, environment: ["PEACETALKS_API_KEYS": "test-key-0123456789"])
    }

    @Test func secondServer_OnTheSameDirectory_ExitsWith1_NamingTheHoldersPid() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("peacetalks-lock-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let arguments = ["serve", "--port", "0", "--data-dir", directory, "--seeds-dir", PeaceTalksProcess.seeds.path,
                         "--log-level", "error"]
        let (first, firstOut, _) = makeProcess(arguments)
        try first.run()
        defer { if first.isRunning { first.terminate() }; first.waitUntilExit() }
        #expect(PeaceTalksProcess.readListeningLine(firstOut).contains("listening on"))

        let (second, _, secondErr) = makeProcess(arguments)
        try second.run()
        second.waitUntilExit()
        let stderr = String(decoding: secondErr.fileHandleForReading.readAllData(), as: UTF8.self)
        #expect(second.terminationStatus == 1)
        #expect(stderr == "peacetalks: \(directory)/LOCK: the data directory is in use by process \(first.processIdentifier)\n")

        let (export, _, exportErr) = makeProcess(["export", "--data-dir", directory, "--output", "/dev/null"])
        try export.run()
        export.waitUntilExit()
        #expect(export.terminationStatus == 1)
        let exportError = String(decoding: exportErr.fileHandleForReading.readAllData(), as: UTF8.self)
        #expect(exportError.contains("in use by process \(first.processIdentifier)"))
    }

    /// Starts a server on `directory`, waits until it is ready, returns the participants' total, then stops it
    /// with SIGINT (it must exit 0).
    private func participantTotal(servingFrom directory: String) throws -> Int {
        let (server, out, _) = makeProcess(["serve", "--port", "0", "--data-dir", directory, "--seeds-dir",
                                            PeaceTalksProcess.seeds.path, "--log-level", "error"])
        try server.run()
        defer { if server.isRunning { server.terminate() }; server.waitUntilExit() }
        let printed = PeaceTalksProcess.readListeningLine(out)
        let deadline = Date().addingTimeInterval(15)
        let port = try #require(printed.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        var total: Int?
        while total == nil, Date() < deadline {
            let client = try HTTPTestClient(port: port)
            try client.send("GET /v1/participants?limit=1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let response = try client.readResponse()
            if response.status == 200,
                let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            {
                total = object["total"] as? Int
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        server.interrupt()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        return try #require(total)
    }

    /// A file-size limit (`ulimit -f`, a full disk without root) fails journal writes past it: they answer 503
    /// with a problem that names no file (the cause goes to the log), the server goes on, and a restart without
    /// the limit has every acknowledged write and none of the refused ones.
    @Test func writesPastAFileSizeLimit_Answer503_AndNothingAcknowledgedIsLost() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("peacetalks-full-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let arguments = ["serve", "--port", "0", "--data-dir", directory, "--seeds-dir", PeaceTalksProcess.seeds.path,
                         "--log-level", "error"]
        // 4096 blocks: 2 MiB for dash, 4 MiB for bash; the writes below go past either. SIGXFSZ as a shell would
        // leave it (the test runner may ignore it, and ignored signals stay ignored across exec).
        let (server, out, err) = makeProcess([])
        server.executableURL = URL(fileURLWithPath: "/bin/sh")
        server.arguments =
            ["-c", #"ulimit -f 4096 && exec env --default-signal=XFSZ "$0" "$@""#, PeaceTalksProcess.executable.path]
            + arguments
        try server.run()
        defer { if server.isRunning { server.terminate() }; server.waitUntilExit() }
        let port = try #require(Self.port(PeaceTalksProcess.readListeningLine(out)))
        try Self.waitUntilReady(port: port)
        let body = #"{"title":"Big","body":""# + String(repeating: "b", count: 300_000) + #"","language":"en"}"#
        var statuses: [Int] = []
        var refused: HTTPTestResponse?
        for number in 0..<24 {
            let client = try HTTPTestClient(port: port)
            try client.send(
                "PUT /v1/articles/big-\(number) HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer test-key-0123456789\r\n"
                    + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
                    + body)
            let response = try client.readResponse(method: "PUT")
            statuses.append(response.status)
            if response.status == 503 && refused == nil { refused = response }
        }
        let acknowledged = statuses.indices.filter { statuses[$0] == 201 }
        #expect(acknowledged.count >= 2 && Set(statuses) == [201, 503], "\(statuses)")
        let problem = try #require(refused)
        #expect(problem.header("Content-Type") == "application/problem+json")
        #expect(problem.header("Retry-After") == "1")
        #expect(problem.text.contains("could not be stored") && !problem.text.contains(directory))
        let health = try HTTPTestClient(port: port)
        try health.send("GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        #expect(try health.readResponse().status == 200)
        server.interrupt()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        let log = String(decoding: err.fileHandleForReading.readAllData(), as: UTF8.self)
        #expect(log.contains("storage unavailable") && log.contains(directory), "the cause is logged")

        let (restarted, restartedOut, _) = makeProcess(arguments)
        try restarted.run()
        defer { if restarted.isRunning { restarted.terminate() }; restarted.waitUntilExit() }
        let restartedPort = try #require(Self.port(PeaceTalksProcess.readListeningLine(restartedOut)))
        try Self.waitUntilReady(port: restartedPort)
        for number in statuses.indices {
            let client = try HTTPTestClient(port: restartedPort)
            try client.send("GET /v1/articles/big-\(number) HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(try client.readResponse().status == (statuses[number] == 201 ? 200 : 404), "big-\(number)")
        }
    }

    private static func port(_ listeningLine: String) -> Int? {
        listeningLine.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    private static func waitUntilReady(port: Int) throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let client = try HTTPTestClient(port: port)
            try client.send("GET /ready HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            if try client.readResponse().status == 200 { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    @Test func seeds_FillANewDirectoryOnce_AndAgainWhenItsFirstStartLeftNoRecord() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("peacetalks-seed-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try participantTotal(servingFrom: directory) == 19)
        #expect(try participantTotal(servingFrom: directory) == 19)

        // A first start that died before its seed record was durable leaves journal files without a record:
        // keep each journal's 24-byte header only.
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasPrefix("journal-") {
            let handle = try #require(FileHandle(forWritingAtPath: directory + "/" + name))
            try handle.truncate(atOffset: 24)
            try handle.close()
        }
        #expect(try participantTotal(servingFrom: directory) == 19)
    }
}
