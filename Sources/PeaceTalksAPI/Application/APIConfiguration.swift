/// What the API layer needs to know besides the store: who may write, and which origins may call it.
/// (Listening address, limits and timeouts are the HTTP server's `ServerConfiguration`.)
package struct APIConfiguration: Sendable {
    /// The API keys accepted in `Authorization: Bearer <key>` for writes. Never logged.
    package var apiKeys: [String]
    /// Origins allowed by CORS; `["*"]` (the default) allows any.
    package var corsOrigins: [String]
    /// How long browsers may cache a CORS pre-flight answer, in seconds.
    package var corsMaxAgeSeconds: Int

    /// A configuration; `apiKeys` must not be empty for writes to be possible.
    package init(apiKeys: [String], corsOrigins: [String] = ["*"], corsMaxAgeSeconds: Int = 600) {
        self.apiKeys = apiKeys
        self.corsOrigins = corsOrigins
        self.corsMaxAgeSeconds = corsMaxAgeSeconds
    }

    /// A new random API key: 32 bytes from the system's CSPRNG as 64 hex digits (for a server started without
    /// a configured key).
    package static func makeAPIKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
        }.joined()
    }
}
