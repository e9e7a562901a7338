/// A successful (2xx) final response, after redirects.
package struct FetchResponse: Sendable {
    /// The URL that answered (after redirects), canonical.
    package var url: FetchURL
    /// The HTTP status (2xx).
    package var status: Int
    /// Header fields in arrival order, repeated names kept.
    package var headers: [(name: String, value: String)]
    /// The body, content-decoded (gzip, deflate, br, zstd already undone).
    package var body: [UInt8]
    /// The address the final connection went to.
    package var address: IPAddress?
    /// Every URL that answered with a redirect, in order, starting with the one requested.
    package var redirects: [FetchURL]

    /// The first value of the field `name` (ASCII case-insensitive), or nil.
    package func headerValue(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The `Content-Type` value, or nil.
    package var contentType: String? { headerValue("Content-Type") }

    /// The media type of `Content-Type`, lower-cased, without parameters (`text/html`), or nil.
    package var mediaType: String? {
        guard let contentType else { return nil }
        let type = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return type.trimming(\.isBlank).lowercased()
    }

    /// The media types accepted as an HTML page.
    package static let htmlMediaTypes: Set<String> = ["text/html", "application/xhtml+xml"]

    /// Throws `.notHTML` unless the response is `text/html` or `application/xhtml+xml`.
    package func checkHTML() throws(FetchError) {
        guard let mediaType, Self.htmlMediaTypes.contains(mediaType) else { throw .notHTML(contentType) }
    }
}
