import Testing

@testable import PeaceTalksAPI

@Suite struct BearerAuthenticatorTests {
    let authenticator = BearerAuthenticator(keys: ["k1-secret", "another-longer-key"])

    @Test func acceptsEveryConfiguredKey_CaseInsensitiveScheme() {
        #expect(authenticator.isAuthorized(["Bearer k1-secret"]))
        #expect(authenticator.isAuthorized(["bearer another-longer-key"]))
        #expect(authenticator.isAuthorized(["BEARER   k1-secret  "]))
    }

    @Test func rejectsWrongMissingOrAmbiguousCredentials() {
        #expect(!authenticator.isAuthorized([]))
        #expect(!authenticator.isAuthorized(["Bearer k1-secre"]))
        #expect(!authenticator.isAuthorized(["Bearer k1-secretX"]))
        #expect(!authenticator.isAuthorized(["Basic k1-secret"]))
        #expect(!authenticator.isAuthorized(["Bearer"]))
        #expect(!authenticator.isAuthorized(["Bearer "]))
        #expect(!authenticator.isAuthorized(["Bearerk1-secret"]))
        #expect(!authenticator.isAuthorized(["Bearer k1-secret", "Bearer k1-secret"]))
        #expect(!BearerAuthenticator(keys: [""]).isAuthorized(["Bearer "]))
    }

    @Test func descriptionNeverShowsKeys() {
        #expect(!String(describing: authenticator).contains("secret"))
    }
}
