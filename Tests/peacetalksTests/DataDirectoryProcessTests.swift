import Foundation
import Testing

/// `peacetalks serve` with a data directory, as a process: the directory lock and offline commands.
@Suite(.timeLimit(.minutes(1)))
struct DataDirectoryProcessTests {
    private static let executable: URL = {
        let testBinary = URL(
            fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0])
        return testBinary.deletingLastPathComponent().appendingPathComponent("peacetalks")
    }()

    private static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("seeds")

    private func makeProcess(_ arguments: [String]) -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PEACETALKS_") }
            .merging(["PEACETALKS_API_KEYS": "test-key-0123456789"]) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        return (process, out, err)
    }

    @Test func secondServer_OnTheSameDirectory_ExitsWith1_NamingTheHoldersPid() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("peacetalks-lock-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let arguments = ["serve", "--port", "0", "--data-dir", directory, "--seeds-dir", Self.seeds.path,
                         "--log-level", "error"]
        let (first, firstOut, _) = makeProcess(arguments)
        try first.run()
        defer { if first.isRunning { first.terminate() }; first.waitUntilExit() }
        var printed = Data()
        let deadline = Date().addingTimeInterval(15)
        while !String(decoding: printed, as: UTF8.self).contains("listening on"), Date() < deadline {
            printed.append(firstOut.fileHandleForReading.availableData)
        }

        let (second, _, secondErr) = makeProcess(arguments)
        try second.run()
        second.waitUntilExit()
        let stderr = String(decoding: secondErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(second.terminationStatus == 1)
        #expect(stderr == "peacetalks: \(directory)/LOCK: the data directory is in use by process \(first.processIdentifier)\n")

        let (export, _, exportErr) = makeProcess(["export", "--data-dir", directory, "--output", "/dev/null"])
        try export.run()
        export.waitUntilExit()
        #expect(export.terminationStatus == 1)
        let exportError = String(decoding: exportErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(exportError.contains("in use by process \(first.processIdentifier)"))
    }
}
