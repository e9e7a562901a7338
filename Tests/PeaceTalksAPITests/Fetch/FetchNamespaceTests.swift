import Foundation
import PeaceTalksModel
import PeaceTalksStore
import TestSupport
import Testing

/// Fetches whose URLs name non-loopback addresses run only inside a network namespace with nothing but a
/// loopback interface (`unshare -n`, root only), so that a fetch failing open could not reach a real network;
/// skipped where no such namespace can be made. (Tests/FetchTests has the full SSRF battery.)
@Suite(.timeLimit(.minutes(2)))
struct FetchNamespaceTests {
    private static let marker = "PEACETALKS_API_FETCH_NETNS"
    private static var isInside: Bool { ProcessInfo.processInfo.environment[marker] == "1" }

    /// Whether `unshare -n` works here (probed once).
    static let namespaceAvailable: Bool = isInside || (try? run(["/bin/sh", "-c", "ip link set lo up"]).status) == 0

    /// Runs `command` in a fresh network namespace; its exit status and output (bounded by a 60 s timeout).
    private static func run(_ command: [String], environment: [String: String] = [:]) throws -> (
        status: Int32, output: String
    ) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("netns-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-n", "--"] + command
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    @Test(.enabled(if: namespaceAvailable, "needs `unshare -n` (root) for a loopback-only network namespace"))
    func redirectToMetadataAddress_IsRefusedBeforeAnyConnection() throws {
        guard Self.isInside else {
            let binary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            let result = try Self.run(
                ["/bin/sh", "-c", "ip link set lo up && exec \"$0\" \"$@\"", binary, "--testing-library",
                 "swift-testing", "--filter", "FetchNamespaceTests/redirectToMetadataAddress"],
                environment: [Self.marker: "1"])
            #expect(result.status == 0, "namespace run failed:\n\(result.output)")
            #expect(result.output.contains("Test run with 1 test"), "the test did not run:\n\(result.output)")
            return
        }
        // /proc/self/net/dev lists this namespace's interfaces (/sys/class/net would show the host's).
        let devices = try String(contentsOfFile: "/proc/self/net/dev", encoding: .utf8)
        let interfaces = devices.split(separator: "\n").dropFirst(2).compactMap {
            $0.split(separator: ":").first?.trimmingCharacters(in: .whitespaces)
        }
        try #require(interfaces == ["lo"], "not isolated: \(interfaces)")
        let fixtures = try FetchFixtureServer()
        let api = try FetchAPITester()
        // A refusal is a 422 on `url`; had the fetch tried to connect, this namespace would have made it a 502.
        for url in [fixtures.url("/redirect-metadata"), "http://169.254.169.254/latest/meta-data/"] {
            let response = try api.fetch(url)
            #expect(response.status == 422, "\(url): \(response.text)")
            #expect(response.text.contains("169.254.169.254"), "\(url)")
        }
        #expect(fixtures.requestCount == 1)  // the redirect itself, nothing after it
        #expect(api.store.count(.articles) == 0)
    }
}
