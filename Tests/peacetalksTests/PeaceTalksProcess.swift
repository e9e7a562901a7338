import Foundation

/// The built `peacetalks` executable, run as a user would by the process tests.
enum PeaceTalksProcess {
    /// The repository this test file belongs to.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped seed data.
    static let seeds = repositoryRoot.appendingPathComponent("seeds")

    /// The executable next to the test bundle in the build folder.
    static let executable: URL = {
        let testBinary = URL(
            fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0])
        return testBinary.deletingLastPathComponent().appendingPathComponent("peacetalks")
    }()

    /// A process for `arguments` with standard output and error piped; the environment is the test's without
    /// its `PEACETALKS_` variables, plus `environment`.
    static func make(_ arguments: [String], environment: [String: String] = [:]) -> (
        process: Process, stdout: Pipe, stderr: Pipe
    ) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PEACETALKS_") }
            .merging(environment) { $1 }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        return (process, stdout, stderr)
    }

    /// Reads a started server's standard output up to its `listening on http://HOST:PORT` line and returns the
    /// line, or what was printed when `timeout` passes first.
    static func readListeningLine(_ stdout: Pipe, timeout: TimeInterval = 15) -> String {
        var printed = ""
        let deadline = Date().addingTimeInterval(timeout)
        while !(printed.contains("listening on") && printed.contains("\n")), Date() < deadline {
            let data = stdout.fileHandleForReading.availableData
            if data.isEmpty { break }
            printed += String(decoding: data, as: UTF8.self)
        }
        return printed
    }
}
