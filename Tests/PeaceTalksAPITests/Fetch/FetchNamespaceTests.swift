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
    @Test(.enabled(
        if: LoopbackNamespace.unavailableReason == nil,
        "needs `unshare -n` (root) for a loopback-only network namespace"))
    func redirectToMetadataAddress_IsRefusedBeforeAnyConnection() throws {
        guard LoopbackNamespace.isInside else {
            let result = try LoopbackNamespace.rerun(filter: "FetchNamespaceTests/redirectToMetadataAddress")
            #expect(result.status == 0, "namespace run failed:\n\(result.output)")
            #expect(result.output.contains("Test run with 1 test"), "the test did not run:\n\(result.output)")
            return
        }
        let interfaces = LoopbackNamespace.interfaceNames()
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
