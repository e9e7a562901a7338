import FlyingFox
import FlyingSocks
import Foundation
import PeerSupport

// The FlyingFox 0.27.1 peer of `run.sh`: routes answering with pre-encoded `Data`, on FlyingFox's default pool.

let options = PeerOptions.parse()
let health = Data(options.health)
let article = Data(options.article)
let list = Data(options.list)
let json: HTTPHeaders = [.contentType: "application/json"]

let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: options.port), logger: .disabled)
await server.appendRoute("GET /health") { _ in HTTPResponse(statusCode: .ok, headers: json, body: health) }
await server.appendRoute("GET /v1/articles/*") { _ in HTTPResponse(statusCode: .ok, headers: json, body: article) }
await server.appendRoute("GET /v1/articles") { _ in HTTPResponse(statusCode: .ok, headers: json, body: list) }

let running = Task { try await server.run() }
try await server.waitUntilListening()
if case .ip4(_, let port) = await server.listeningAddress {
    announceListening(port: Int(port))
}
try await running.value
