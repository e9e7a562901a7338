import Dispatch
import Glibc
import HTTPServer
import Testing

@testable import Fetch

/// End-to-end fetches against our own server on 127.0.0.1 (allow-listed here). No other address is used.
@Suite(.timeLimit(.minutes(1)))
struct FetchClientTests {
    @Test func htmlPage_IsFetched_WithStatusHeadersBodyAndAddress() throws {
        let fixture = try FixtureServer()
        let response = try FetchClient.testing().fetch(fixture.url("/page"))
        #expect(response.status == 200)
        #expect(response.url.description == fixture.url("/page"))
        #expect(response.body == Array(FixtureServer.pageHTML.utf8))
        #expect(response.contentType == "text/html; charset=utf-8")
        #expect(response.address == .v4(0x7F00_0001))
        #expect(response.redirects.isEmpty)
        try response.checkHTML()
    }

    @Test func requestHeaders_NameUsAndAcceptCompression() throws {
        let fixture = try FixtureServer()
        _ = try FetchClient.testing().fetch(fixture.url("/page"))
        let request = try #require(fixture.requests.first)
        #expect(request.headers["User-Agent"]?.hasPrefix("PeaceTalks/1.0 (+https://") == true)
        #expect(request.headers["Accept"]?.hasPrefix("text/html") == true)
        #expect(request.headers["Accept-Encoding"]?.contains("gzip") == true)
    }

    @Test func repeatedHeaders_AreKeptInOrder() throws {
        let fixture = try FixtureServer()
        let response = try FetchClient.testing().fetch(fixture.url("/repeated-headers"))
        let kept = response.headers.filter { ["set-cookie", "x-note"].contains($0.name.lowercased()) }
        #expect(kept.map(\.value) == ["a=1", "first", "b=2"])
    }

    @Test func redirectChain_OfFiveRelativeAndAbsoluteHops_IsFollowed() throws {
        let fixture = try FixtureServer()
        let response = try FetchClient.testing().fetch(fixture.url("/chain/5"))
        #expect(response.status == 200)
        #expect(response.url.description == fixture.url("/chain/0"))
        #expect(response.redirects.map(\.description) == (1...5).reversed().map { fixture.url("/chain/\($0)") })
        #expect(fixture.requests.count == 6)
    }

    @Test func sixthRedirect_IsRefused() throws {
        let fixture = try FixtureServer()
        #expect(throws: FetchError.tooManyRedirects(limit: 5)) {
            try FetchClient.testing().fetch(fixture.url("/chain/6"))
        }
        #expect(fixture.requests.count == 6)
    }

    @Test func redirectLoop_StopsAfterTheLimit() throws {
        let fixture = try FixtureServer()
        #expect(throws: FetchError.tooManyRedirects(limit: 5)) { try FetchClient.testing().fetch(fixture.url("/loop")) }
        #expect(fixture.requests.count == 6)
    }

    @Test func slowPage_TimesOut() throws {
        let fixture = try FixtureServer()
        var configuration = FetchConfiguration.testing()
        configuration.totalTimeout = .milliseconds(300)
        let started = ContinuousClock.now
        #expect(throws: FetchError.timedOut) { try FetchClient.testing(configuration).fetch(fixture.url("/slow")) }
        #expect(ContinuousClock.now - started < .seconds(1))
    }

    @Test func oversizedPage_IsAborted() throws {
        let fixture = try FixtureServer()
        #expect(throws: FetchError.tooLarge(limit: 16 * 1024)) { try FetchClient.testing().fetch(fixture.url("/big")) }
    }

    @Test func gzipPage_IsDecoded() throws {
        let fixture = try FixtureServer()
        let response = try FetchClient.testing().fetch(fixture.url("/gzip"))
        #expect(String(decoding: response.body, as: UTF8.self) == FixturePayloads.gzipPageText)
    }

    @Test func gzipBomb_IsAborted_OnItsDecodedSize() throws {
        // 254 bytes on the wire, far under the 16 KiB limit; 200 026 bytes once decoded.
        let fixture = try FixtureServer()
        #expect(throws: FetchError.tooLarge(limit: 16 * 1024)) {
            try FetchClient.testing().fetch(fixture.url("/gzip-bomb"))
        }
    }

    @Test func nonHTML_IsFetched_ButFailsTheHTMLCheck() throws {
        let fixture = try FixtureServer()
        let client = FetchClient.testing()
        #expect(throws: FetchError.notHTML("application/json")) {
            try client.fetch(fixture.url("/data.json")).checkHTML()
        }
        #expect(throws: FetchError.notHTML(nil)) { try client.fetch(fixture.url("/no-type")).checkHTML() }
        try client.fetch(fixture.url("/xhtml")).checkHTML()
    }

    @Test(arguments: [
        ("/missing", 404), ("/broken", 500), ("/redirect-without-location", 302), ("/multiple-choices", 300),
    ])
    func errorStatuses_AreReported(_ path: String, _ code: Int) throws {
        let fixture = try FixtureServer()
        #expect(throws: FetchError.remoteStatus(code)) { try FetchClient.testing().fetch(fixture.url(path)) }
    }

    @Test func refusedConnection_IsAConnectionFailure() throws {
        // Bind a port, then close it: nothing listens there any more.
        let port = try Socket.makeListening(host: "127.0.0.1", port: 0).closingAfterReadingPort()
        #expect {
            try FetchClient.testing().fetch("http://127.0.0.1:\(port)/")
        } throws: { error in
            guard case .connectionFailed(let reason) = error as? FetchError else { return false }
            return !reason.isEmpty
        }
    }

    @Test func namesArePinned_ToTheCheckedAddress() throws {
        // StaticResolver says 127.0.0.2; libcurl on its own would resolve `second.localhost` to 127.0.0.1, where
        // nothing listens on this port. Reaching the page proves the pin.
        let fixture = try FixtureServer(host: "127.0.0.2")
        let client = FetchClient.testing(.testing(allowedHosts: ["second.localhost"]))
        let response = try client.fetch(fixture.url("/page", host: "second.localhost"))
        #expect(response.address == .v4(0x7F00_0002))
        #expect(fixture.requests.first?.headers["Host"] == "second.localhost:\(fixture.port)")
    }

    @Test func ipv6Addresses_ArePinnedAndConnected() throws {
        let fixture = try FixtureServer(host: "::1")
        let client = FetchClient.testing(.testing(allowedHosts: ["::1", "v6.localhost"]))
        #expect(try client.fetch(fixture.url("/page")).address == IPAddress(ipv6Literal: "::1"))
        #expect(try client.fetch(fixture.url("/page", host: "v6.localhost")).address == IPAddress(ipv6Literal: "::1"))
    }

    @Test func openSocketCallback_RefusesAnAddressTheGuardDidNotCheck() throws {
        // A hop whose checked address (127.0.0.2) differs from the URL's: libcurl's connect is stopped.
        let fixture = try FixtureServer()
        let transfer = Transfer(
            url: try FetchURL(parsing: fixture.url("/page")),
            addresses: [.v4(0x7F00_0002)],
            configuration: .testing()
        )
        #expect {
            try transfer.run(connectTimeout: .seconds(1), totalTimeout: .seconds(2))
        } throws: { error in
            guard case .forbiddenAddress(_, "127.0.0.1", _) = error as? FetchError else { return false }
            return true
        }
        #expect(fixture.requests.isEmpty)
    }

    @Test func hugeHeaderSection_IsAborted() throws {
        let fixture = try FixtureServer()
        #expect(throws: FetchError.tooLarge(limit: 64 * 1024)) {
            try FetchClient.testing().fetch(fixture.url("/huge-header"))
        }
    }

    @Test func fetchesBeyondThePool_AreBusy() throws {
        let fixture = try FixtureServer()
        var configuration = FetchConfiguration.testing()
        configuration.maxConcurrentFetches = 1
        let client = FetchClient.testing(configuration)
        let done = DispatchSemaphore(value: 0)
        let slowURL = fixture.url("/slow")
        DispatchQueue.global().async {
            _ = try? client.fetch(slowURL)
            done.signal()
        }
        let deadline = ContinuousClock.now + .seconds(2)
        while fixture.requests.isEmpty && ContinuousClock.now < deadline { usleep(5_000) }
        #expect(throws: FetchError.busy) { try client.fetch(fixture.url("/page")) }
        #expect(done.wait(timeout: .now() + 5) == .success)
        #expect(try client.fetch(fixture.url("/page")).status == 200)
    }

    @Test func everyErrorHasAnEnglishDescription() {
        let errors: [FetchError] = [
            .invalidURL("x", reason: "r"), .unsupportedScheme("ftp"),
            .forbiddenAddress(host: "h", address: "a", reason: "r"),
            .dnsFailure(host: "h", reason: "r"), .connectionFailed("r"), .timedOut, .tooLarge(limit: 1),
            .tooManyRedirects(limit: 5), .remoteStatus(404), .invalidResponse("r"), .notHTML("image/png"),
            .notHTML(nil), .busy, .other(code: 1, message: "m"),
        ]
        for error in errors { #expect(error.description.hasSuffix(".")) }
    }
}

extension Socket {
    /// Reads the bound port, then closes the socket.
    fileprivate func closingAfterReadingPort() throws -> Int {
        defer { close() }
        return try localAddress().port
    }
}
