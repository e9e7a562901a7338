@testable import Fetch

extension FetchConfiguration {
    /// Short limits for tests; `allowedHosts` defaults to the fixture server's 127.0.0.1.
    static func testing(allowedHosts: [String] = ["127.0.0.1"]) -> FetchConfiguration {
        var configuration = FetchConfiguration()
        configuration.connectTimeout = .seconds(1)
        configuration.totalTimeout = .seconds(3)
        configuration.maxBodyBytes = 16 * 1024
        configuration.allowedHosts = allowedHosts
        return configuration
    }
}

extension FetchClient {
    /// A client with test limits whose names resolve from `StaticResolver` (never DNS).
    static func testing(_ configuration: FetchConfiguration = .testing()) -> FetchClient {
        FetchClient(configuration: configuration, resolver: StaticResolver())
    }
}
