import Foundation
import Synchronization

/// Runs a test again inside a fresh network namespace that has only a loopback interface (`unshare -n`,
/// root only), so that a fetch that failed open could not put a packet on a real network.
package enum LoopbackNamespace {
    private static let marker = "PEACETALKS_LOOPBACK_NETNS"

    /// Whether this process is the re-run inside the namespace.
    package static var isInside: Bool { ProcessInfo.processInfo.environment[marker] == "1" }

    /// Why the namespace cannot be made here, or nil when it can (probed once with `unshare -n`).
    package static let unavailableReason: String? = {
        if isInside { return nil }
        let probe = try? run(["/bin/sh", "-c", "ip link set lo up"], extraEnvironment: [:], timeout: .seconds(10))
        guard let probe else { return "unshare(1) could not be started" }
        return probe.status == 0
            ? nil : "`unshare -n` failed (needs root or CAP_SYS_ADMIN, and iproute2): \(probe.output)"
    }()

    /// The interfaces this process sees.
    package static func interfaceNames() -> [String] {
        guard let list = if_nameindex() else { return [] }
        defer { if_freenameindex(list) }
        var names: [String] = []
        var entry = list
        while entry.pointee.if_index != 0 {
            names.append(String(cString: entry.pointee.if_name))
            entry += 1
        }
        return names
    }

    /// Re-runs the Swift Testing tests matching `filter` in this test binary, inside the namespace;
    /// returns the exit status and the combined output.
    package static func rerun(filter: String) throws -> (status: Int32, output: String) {
        let binary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let script = "ip link set lo up && exec \"$0\" \"$@\""
        return try run(
            ["/bin/sh", "-c", script, binary, "--testing-library", "swift-testing", "--filter", filter],
            extraEnvironment: [marker: "1"],
            timeout: .seconds(60)
        )
    }

    /// Runs `command` under `unshare -n`, killing it after `timeout`.
    private static func run(
        _ command: [String],
        extraEnvironment: [String: String],
        timeout: Duration
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-n", "--"] + command
        process.environment = ProcessInfo.processInfo.environment.merging(extraEnvironment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let collected = OutputCollector()
        let finishedReading = DispatchSemaphore(value: 0)
        let reader = output.fileHandleForReading
        DispatchQueue.global().async {
            collected.data.withLock { $0 = reader.readAllData() }
            finishedReading.signal()
        }
        try process.run()
        // Our copy of the write end must go, or the reader never sees end-of-file.
        try? output.fileHandleForWriting.close()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        process.waitUntilExit()
        _ = finishedReading.wait(timeout: .now() + 5)
        return (process.terminationStatus, String(decoding: collected.data.withLock { $0 }, as: UTF8.self))
    }
}

private final class OutputCollector: Sendable {
    let data = Mutex(Data())
}
