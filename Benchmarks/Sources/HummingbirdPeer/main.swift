import Hummingbird
import Logging
import NIOCore
import PeerSupport

// The Hummingbird 2 peer of `run.sh`: a plain `Router` answering with pre-encoded `ByteBuffer`s.
// Hummingbird reads the request head, routes and writes; no middleware, no per-request encoding.

let options = PeerOptions.parse()
let health = ByteBuffer(bytes: options.health)
let article = ByteBuffer(bytes: options.article)
let list = ByteBuffer(bytes: options.list)
let json: HTTPFields = [.contentType: "application/json"]

let router = Router()
router.get("/health") { _, _ in Response(status: .ok, headers: json, body: ResponseBody(byteBuffer: health)) }
router.get("/v1/articles/:id") { _, _ in Response(status: .ok, headers: json, body: ResponseBody(byteBuffer: article)) }
router.get("/v1/articles") { _, _ in Response(status: .ok, headers: json, body: ResponseBody(byteBuffer: list)) }

var logger = Logger(label: "HummingbirdPeer")
logger.logLevel = .warning
let app = Application(
    router: router,
    configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: Int(options.port))),
    onServerRunning: { channel in announceListening(port: channel.localAddress?.port ?? -1) },
    logger: logger
)
try await app.runService()
