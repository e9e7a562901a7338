import Foundation
import TestSupport
import Testing

@testable import Fetch

/// Refused URLs, end to end through `FetchClient`: nothing refused may ever open a connection.
@Suite(.timeLimit(.minutes(2)))
struct SSRFEndToEndTests {
    /// Spellings of loopback addresses; fetched directly (nothing allow-listed) and via redirects.
    private static func loopbackSpellings(port: Int) -> [String] {
        [
            "127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.1", "0x7f000001", "017700000001", "127.1", "127.0.1",
            "127.0.0.1.", "127.000.000.001", "0X7F.0.0.1", "0177.1", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
            "[::1]", "localhost", "user@127.0.0.1", "a@0x7f.1",
        ].map { "http://\($0):\(port)/" } + ["https://127.0.0.1:\(port)/", "http://127.0.0.1:\(port)@example.com/"]
    }

    /// A client allow-listing `allowedHosts`, with a short total time so that a fetch failing open ends fast.
    private static func client(allowedHosts: [String]) -> FetchClient {
        var configuration = FetchConfiguration.testing(allowedHosts: allowedHosts)
        configuration.totalTimeout = .milliseconds(500)
        return FetchClient.testing(configuration)
    }

    private static func isRefusal(_ error: any Error) -> Bool {
        switch error as? FetchError {
        case .forbiddenAddress, .invalidURL: true
        default: false
        }
    }

    @Test func loopbackSpellings_AreRefused_AndNeverReachTheSentinel() throws {
        let sentinel = try Sentinel()
        let secondSentinel = try Sentinel(host: "127.0.0.2")
        let spellings =
            Self.loopbackSpellings(port: sentinel.port)
            + ["http://127.0.0.2:\(secondSentinel.port)/", "http://0x7f000002:\(secondSentinel.port)/"]
        let client = Self.client(allowedHosts: [])
        for url in spellings {
            let error = Self.error { try client.fetch(url) }
            #expect(error.map(Self.isRefusal) == true, "\(url): \(String(describing: error))")
        }
        // The same spellings as redirect targets of an allow-listed page (allow-listed by NAME, so no numeric
        // spelling of 127.0.0.1 is exempt), including 127.0.0.2, which is loopback but not allow-listed.
        var routes: [String: FixtureRoute] = [:]
        for (index, url) in spellings.enumerated() { routes["/to/\(index)"] = .redirect(302, location: url) }
        let fixture = try FixtureServer(extra: routes)
        let guarded = Self.client(allowedHosts: ["fixture.localhost"])
        for index in spellings.indices {
            let error = Self.error { try guarded.fetch(fixture.url("/to/\(index)", host: "fixture.localhost")) }
            #expect(error.map(Self.isRefusal) == true, "\(spellings[index]): \(String(describing: error))")
        }
        #expect(fixture.requests.count == spellings.count)
        #expect(try sentinel.acceptedConnections() == 0)
        #expect(try secondSentinel.acceptedConnections() == 0)
    }

    @Test func sentinel_DoesSeeAConnection_WhenItsAddressIsAllowListed() throws {
        // Control for the test above: a fetch that is let through does reach the sentinel (which never answers).
        let sentinel = try Sentinel()
        #expect(throws: FetchError.timedOut) {
            try Self.client(allowedHosts: ["127.0.0.1"]).fetch("http://127.0.0.1:\(sentinel.port)/")
        }
        #expect(try sentinel.acceptedConnections() == 1)
    }

    @Test(.enabled(
        if: LoopbackNamespace.unavailableReason == nil,
        "non-loopback cases need a loopback-only network namespace; `unshare -n` is unavailable here"))
    func nonLoopbackURLs_AreRefused_InALoopbackOnlyNamespace() throws {
        guard LoopbackNamespace.isInside else {
            let result = try LoopbackNamespace.rerun(filter: "SSRFEndToEndTests/nonLoopbackURLs")
            #expect(result.status == 0, "namespace run failed:\n\(result.output)")
            #expect(
                result.output.contains("Test run with 1 test"),
                "namespace run did not run the test:\n\(result.output)"
            )
            return
        }
        // Never send anything unless this process really sees nothing but loopback.
        try #require(
            LoopbackNamespace.interfaceNames() == ["lo"],
            "not isolated: \(LoopbackNamespace.interfaceNames())"
        )
        let client = Self.client(allowedHosts: [])
        for url in AddressGuardTests.forbiddenURLs {
            let error = Self.error { try client.fetch(url) }
            #expect(error.map(Self.isRefusal) == true, "\(url): \(String(describing: error))")
        }
        let targets = [
            "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[fd00::1]/", "http://0x0a000001/",
            "http://metadata.google.internal/", "http://[::ffff:169.254.169.254]/", "http://192.168.1.1:8080/admin",
            "http://[64:ff9b::a9fe:a9fe]/",
        ]
        var routes: [String: FixtureRoute] = [:]
        for (index, url) in targets.enumerated() { routes["/to/\(index)"] = .redirect(302, location: url) }
        let fixture = try FixtureServer(extra: routes)
        let guarded = Self.client(allowedHosts: ["127.0.0.1"])
        for index in targets.indices {
            let error = Self.error { try guarded.fetch(fixture.url("/to/\(index)")) }
            #expect(error.map(Self.isRefusal) == true, "\(targets[index]): \(String(describing: error))")
        }
        // The system resolver, where DNS cannot leave either: /etc/hosts answers, DNS fails.
        let resolver = SystemResolver()
        #expect(try resolver.resolve("localhost", timeout: .seconds(5)).contains(.v4(0x7F00_0001)))
        #expect {
            try resolver.resolve("no-such-host.invalid", timeout: .seconds(5))
        } throws: { error in
            switch error as? FetchError {
            case .dnsFailure, .timedOut: true
            default: false
            }
        }
        // Control: allow-listing 10.0.0.1 lets the fetch try to connect, which only this namespace stops. So the
        // refusals above come from the policy, not from the sandbox.
        let open = Self.client(allowedHosts: ["10.0.0.1"])
        let error = Self.error { try open.fetch("http://10.0.0.1/") }
        guard case .connectionFailed = error else {
            Issue.record("allow-listed 10.0.0.1 should fail to connect, got \(String(describing: error))")
            return
        }
    }

    /// The `FetchError` `body` throws, or nil when it succeeds.
    private static func error(of body: () throws -> FetchResponse) -> FetchError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? FetchError ?? .other(code: -1, message: "unexpected \(error)")
        }
    }
}
