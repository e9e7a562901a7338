import Foundation
import Synchronization
import PeaceTalksModel
import PeaceTalksStore
import TestSupport
import Testing

/// Drives the live server through every endpoint and the usual errors, records the exchanges, and has
/// `scripts/openapi/check_responses.py` validate each response against openapi.json's schemas.
@Suite(.timeLimit(.minutes(2)))
struct OpenAPIConformanceTests {
    private static let checker = APITester.repositoryRoot.appendingPathComponent("scripts/openapi/check_responses.py")

    @Test func recordedResponses_MatchTheDocument() throws {
        let api = try APITester(.live)
        api.recording = []
        try exerciseEveryEndpoint(api)
        let recorded = try #require(api.recording)
        #expect(recorded.count > 40)

        guard FileManager.default.fileExists(atPath: Self.checker.path) else {
            Issue.record("scripts/openapi/check_responses.py is missing")
            return
        }
        guard let python = Self.findPython() else {
            print("skipped: python3 is not installed, recorded responses were not validated against openapi.json")
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.appending("exchanges.json")
        try Data(JSONValue.array(recorded).encoded(pretty: true)).write(to: URL(fileURLWithPath: file))
        let (status, output) = try Self.run(python, [Self.checker.path, file])
        if output.contains("No module named") {
            print("skipped: the checker's Python modules are missing: \(output)")
            return
        }
        #expect(status == 0, "check_responses.py failed:\n\(output)")
    }

    private func exerciseEveryEndpoint(_ api: APITester) throws {
        let envoy: JSONValue = ["kind": "person", "name": ["en": "Record Envoy", "ar": "مبعوث"], "side": "observer"]
        for path in ["/health", "/ready", "/openapi.json", "/metrics", "/v1/participants", "/v1/talks",
                     "/v1/articles", "/v1/statements", "/v1/articles?include=body", "/v1/participants?pretty=true",
                     "/v1/participants/staffan-de-mistura", "/v1/talks/astana-talks-2017-01",
                     "/v1/articles/astana-talks-2017-elmaouid", "/v1/statements/vassilenko-talks-duration",
                     "/v1/participants/staffan-de-mistura/statements", "/v1/participants/staffan-de-mistura/articles",
                     "/v1/talks/astana-talks-2017-01/statements", "/v1/talks/astana-talks-2017-01/articles",
                     "/v1/talks/astana-talks-2017-01/timeline", "/v1/volume?kind=statements&interval=month",
                     "/v1/volume", "/v1/search?q=astana", "/v1/participants?q=\(percent("دي ميستورا"))",
                     "/v1/talks?format=csv", "/v1/statements?limit=2&sort=said_on"] {
            try api.request("GET", path)
        }
        // Errors of reads.
        for path in ["/v1/participants/nobody", "/v1/participants?limit=500", "/v1/nothing", "/v1/search",
                     "/v1/talks/nowhere/timeline"] {
            try api.request("GET", path)
        }
        try api.request("DELETE", "/v1/participants")
        // Writes.
        let created = try api.request("POST", "/v1/participants", json: envoy, auth: true)
        let location = created.header("Location") ?? "/v1/participants/record-envoy"
        try api.request("POST", "/v1/participants", json: envoy.objectValue.map {
            var object = $0
            object["id"] = "record-envoy"
            return .object(object)
        }, auth: true)
        try api.request("PUT", location, json: envoy, auth: true)
        try api.request("PUT", "/v1/participants/put-recorded", json: envoy, auth: true)
        try api.request("PATCH", location, headers: [("Content-Type", "application/merge-patch+json")],
                        json: ["aliases": ["R. Envoy"]], auth: true)
        try api.request("PATCH", location, headers: [("If-Match", "\"nope\"")], json: ["aliases": []], auth: true)
        try api.request("POST", "/v1/participants", json: ["kind": "ghost"], auth: true)
        try api.request("POST", "/v1/participants", headers: [("Content-Type", "text/plain")], body: "x", auth: true)
        try api.request("POST", "/v1/participants", headers: [("Content-Type", "application/json")], body: "{",
                        auth: true)
        try api.request("POST", "/v1/participants", json: envoy)
        try api.request("DELETE", "/v1/participants/staffan-de-mistura", auth: true)
        try api.request("DELETE", location, auth: true)
        try api.request("DELETE", location, auth: true)
        let statement: JSONValue = ["participant": "staffan-de-mistura", "text": "نص", "language": "ar"]
        try api.request("POST", "/v1/statements", json: statement, auth: true)
        let talks: JSONValue = ["name": ["en": "Recorded round"], "process": "geneva",
                                "location": ["city": "Geneva", "country": "CH"]]
        try api.request("POST", "/v1/talks", json: talks, auth: true)
        let article: JSONValue = ["title": "Recorded", "body": "Body text.\n\nMore.", "language": "en",
                                  "url": "https://example.org/recorded"]
        try api.request("POST", "/v1/articles", json: article, auth: true)
        // Refused before any connection or DNS look-up: loopback is not allow-listed by default.
        try api.request("POST", "/v1/articles/fetch", json: ["url": "http://127.0.0.1:9/x"], auth: true)
        try api.request("POST", "/v1/articles/fetch", json: ["url": "nope"], auth: true)
    }

    private static func findPython() -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with a 60 s limit and returns its exit status and combined output.
    private static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let pid = process.processIdentifier
        let finished = Finished()
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(60)) {
            finished.state.withLock { if !$0 { kill(pid, SIGKILL) } }
        }
        let output = pipe.fileHandleForReading.readAllData()
        process.waitUntilExit()
        finished.state.withLock { $0 = true }
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

/// Whether the checker has exited (so that the watchdog never signals a reused pid).
private final class Finished: Sendable {
    let state = Mutex(false)
}
