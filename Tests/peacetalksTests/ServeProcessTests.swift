import Foundation
import Testing
import TestSupport

/// Runs the built `peacetalks` executable as a user would and checks what it prints and how it exits.
@Suite(.timeLimit(.minutes(1)))
struct ServeProcessTests {
    /// Runs `peacetalks` with `arguments` until it exits (killing it after `timeout`), returning its status and output.
    private func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 20)
        throws -> (status: Int32, stdout: String, stderr: String)
    {
        let (process, out, err) = PeaceTalksProcess.make(arguments, environment: environment)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let stdout = String(decoding: out.fileHandleForReading.readAllData(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readAllData(), as: UTF8.self)
        return (process.terminationStatus, stdout, stderr)
    }

    /// The log's reader goes away (its pipe closes): the server drops the lines and goes on serving.
    @Test func closedLogPipe_DoesNotStopTheServer() throws {
        let (server, out, err) = PeaceTalksProcess.make([], environment: ["PEACETALKS_API_KEYS": "test-key-0123456789"])
        // SIGPIPE as a shell would leave it: the test runner may ignore it, and ignored signals stay so across exec.
        server.executableURL = URL(fileURLWithPath: "/bin/sh")
        server.arguments = [
            "-c", #"exec env --default-signal=PIPE "$0" "$@""#, PeaceTalksProcess.executable.path, "serve", "--port",
            "0", "--in-memory", "--seeds-dir", PeaceTalksProcess.seeds.path, "--log-level", "info",
        ]
        try server.run()
        defer { if server.isRunning { server.terminate() }; server.waitUntilExit() }
        let line = PeaceTalksProcess.readListeningLine(out)
        let port = try #require(
            line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        try out.fileHandleForReading.close()
        try err.fileHandleForReading.close()
        for _ in 0..<3 {
            let client = try HTTPTestClient(port: port)
            try client.send("GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            Thread.sleep(forTimeInterval: 0.15)  // past the log's flush interval: each line meets the closed pipe
        }
        #expect(server.isRunning)
        server.interrupt()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }

    /// Under an open-file limit below `max_connections` (4096 by default) the server serves as many connections as
    /// the limit allows, less a reserve, and answers the next ones 503 at once, with a warning at start-up: none
    /// waits unaccepted in the listen queue.
    @Test func openFileLimitBelowMaxConnections_TheRestAreRefusedPromptly() throws {
        let (server, _, err) = PeaceTalksProcess.make([], environment: ["PEACETALKS_API_KEYS": "test-key-0123456789"])
        server.executableURL = URL(fileURLWithPath: "/bin/sh")
        server.arguments = [
            "-c", #"ulimit -n 256 && exec "$0" "$@""#, PeaceTalksProcess.executable.path, "serve", "--port", "0",
            "--in-memory", "--seeds-dir", PeaceTalksProcess.seeds.path, "--log-level", "warning",
        ]
        let out = Pipe()
        server.standardOutput = out
        try server.run()
        defer { if server.isRunning { server.terminate() }; server.waitUntilExit() }
        let line = PeaceTalksProcess.readListeningLine(out)
        let port = try #require(
            line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        var served: [HTTPTestClient] = []  // kept open, so that each holds its place
        var refused = 0
        for _ in 0..<300 {
            let client = try HTTPTestClient(port: port, timeout: 5)
            try client.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            if response.status == 200 { served.append(client) } else if response.status == 503 { refused += 1 }
        }
        #expect(served.count == 256 - 128 && refused == 300 - served.count)
        server.interrupt()
        server.waitUntilExit()
        let log = String(decoding: err.fileHandleForReading.readAllData(), as: UTF8.self)
        #expect(log.contains("open_file_limit=256") && log.contains("connections=128"))
    }

    @Test func badFlag_ExitsWith2_AndOneLineNamingTheSetting() throws {
        let result = try run(["serve", "--port", "http"])
        #expect(result.status == 2)
        #expect(result.stderr == "peacetalks: invalid setting port (from --port): expected a whole number from 0 to 65535\n")
    }

    @Test func badEnvironmentVariable_ExitsWith2() throws {
        let result = try run(["serve"], environment: ["PEACETALKS_MAX_CONNECTIONS": "lots"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("peacetalks: invalid setting max_connections (from environment variable PEACETALKS_MAX_CONNECTIONS)"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func unknownOption_ExitsWith2_WithOneLine() throws {
        let result = try run(["serve", "--colour", "red"])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func malformedSeedFile_StopsStartup_WithOneLineNamingTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("peacetalks-seeds-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: PeaceTalksProcess.seeds, to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let statements = directory.appendingPathComponent("statements.json")
        try Data(#"[{"id": "s-1", "participant": "nobody", "text": "x", "language": "ar"}]"#.utf8).write(to: statements)

        let result = try run(["serve", "--in-memory", "--port", "0", "--seeds-dir", directory.path, "--log-level", "error"],
                             environment: ["PEACETALKS_API_KEYS": "test-key-0123456789"])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("statements.json") == true)
        #expect(lines.first?.contains("nobody") == true)
    }

    @Test func withoutAPIKeys_OneIsMadeAndPrintedOnce() throws {
        let (process, out, err) = PeaceTalksProcess.make(
            ["serve", "--in-memory", "--port", "0", "--seeds-dir", PeaceTalksProcess.seeds.path, "--log-level", "error"])
        try process.run()
        defer { if process.isRunning { process.terminate() }; process.waitUntilExit() }
        #expect(PeaceTalksProcess.readListeningLine(out).contains("listening on http://127.0.0.1:"))
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let stderr = String(decoding: err.fileHandleForReading.readAllData(), as: UTF8.self)
        let keyLines = stderr.split(separator: "\n").filter { $0.contains("Authorization: Bearer ") }
        #expect(keyLines.count == 1)
    }
}
