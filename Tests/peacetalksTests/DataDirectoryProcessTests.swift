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
