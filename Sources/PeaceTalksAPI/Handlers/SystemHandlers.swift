import Foundation
import HTTPServer
import PeaceTalksModel
import PeaceTalksStore

/// `/health`, `/ready` and `/openapi.json` (`/metrics` is the server's `MetricsRegistry` handler).
struct SystemHandlers: Sendable {
    let readiness: Readiness

    /// `GET /health`: the process answers.
    func health() -> HTTPHandler {
        { request, _ in .json(["status": "ok"], pretty: try request.prettyParameter()) }
    }

    /// `GET /ready`: `200 {"status":"ready"}` once the store is loaded, else `503 {"status":"starting"}`.
    func ready() -> HTTPHandler {
        { [readiness] request, _ in
            let pretty = try request.prettyParameter()
            return readiness.isReady
                ? .json(["status": "ready"], pretty: pretty)
                : .json(["status": "starting"], pretty: pretty, status: .serviceUnavailable)
        }
    }

    /// `GET /openapi.json`: the bundled document, byte for byte, with an `ETag`.
    func openAPI() -> HTTPHandler {
        let document = OpenAPIDocument.bytes
        let etag = "\"" + ContentHash.hex(of: document) + "\""
        return { request, _ in
            // Already indented: `pretty=true` is accepted and changes nothing.
            _ = try request.prettyParameter()
            return .representation(document, etag: etag, for: request)
        }
    }
}

/// The OpenAPI 3.1 document of the contract, bundled as `Resources/openapi.json`.
enum OpenAPIDocument {
    /// The file's bytes, read once.
    static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
            let data = try? Data(contentsOf: url)
        else { preconditionFailure("Resources/openapi.json is missing from the PeaceTalksAPI bundle") }
        return [UInt8](data)
    }()
}
