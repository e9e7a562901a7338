import Fetch
import Foundation
import HTTPServer
import Logging
import PeaceTalksModel
import PeaceTalksStore

/// The PeaceTalks API: the route table of API.md over a `ResourceStore`, behind the middleware chain, ready to be
/// served by an HTTP `Server`.
///
/// Typical use (the executable):
/// ```swift
/// let app = Application(configuration: APIConfiguration(apiKeys: keys), store: store, logger: logger)
/// let server = app.makeServer(configuration: serverConfiguration)
/// try server.start()
/// _ = try loadSeeds(from: seedsDirectory, into: store)   // while /ready says "starting"
/// app.readiness.markReady()
/// server.wait()
/// ```
package final class Application: Sendable {
    /// The `/ready` state: not ready until `markReady()`.
    package let readiness: Readiness
    /// The request metrics served at `/metrics`.
    package let metrics: MetricsRegistry
    /// The responder that answers every request (routes, middleware, problems); tests call it in-process.
    package let responder: RouterResponder
    private let logger: Logger

    /// Builds the routes and middleware.
    /// - Parameters:
    ///   - configuration: API keys and CORS origins.
    ///   - store: where resources live; the application never bypasses it.
    ///   - logger: for the access log and handler failures (API keys are never logged).
    ///   - readiness: pass an already ready one when the store needs no loading.
    ///   - fetchClient: what `POST /v1/articles/fetch` fetches with (the default refuses every special address
    ///     and allows 8 fetches at once).
    package init(
        configuration: APIConfiguration, store: any ResourceStore, logger: Logger,
        readiness: Readiness = Readiness(), metrics: MetricsRegistry = MetricsRegistry(),
        fetchClient: FetchClient = FetchClient()
    ) {
        self.readiness = readiness
        self.metrics = metrics
        self.logger = logger
        let middleware: [any HTTPMiddleware] = [
            RequestIDMiddleware(),
            AccessLogMiddleware(logger: logger),
            MetricsMiddleware(registry: metrics),
            CORSMiddleware(allowedOrigins: configuration.corsOrigins, maxAgeSeconds: configuration.corsMaxAgeSeconds),
            ReadinessMiddleware(readiness: readiness),
            AuthenticationMiddleware(authenticator: BearerAuthenticator(keys: configuration.apiKeys)),
        ]
        let router = Self.makeRouter(store: store, readiness: readiness, metrics: metrics, fetchClient: fetchClient)
        responder = RouterResponder(router: router, middleware: middleware, logger: logger)
    }

    /// A server answering with this application; call `start()` or `run()` on it.
    package func makeServer(configuration: ServerConfiguration) -> Server {
        Server(configuration: configuration, responder: responder, logger: logger, metrics: metrics)
    }

    /// Every route of API.md. Writes may block (a later issue makes them wait for an fsync), so they run
    /// off the event loop; reads run inline.
    private static func makeRouter(
        store: any ResourceStore, readiness: Readiness, metrics: MetricsRegistry, fetchClient: FetchClient
    ) -> Router<HTTPRoute> {
        var router = Router<HTTPRoute>()
        let resources = ResourceHandlers(store: store)
        let collections = CollectionHandlers(store: store)
        for kind in ResourceKind.allCases {
            let collection = "/v1/\(kind.rawValue)"
            let item = collection + "/:id"
            router.add(.get, collection, handler: resources.list(kind))
            router.add(.post, collection, mayBlock: true, handler: resources.create(kind))
            router.add(.get, item, handler: resources.get(kind))
            router.add(.put, item, mayBlock: true, handler: resources.replace(kind))
            router.add(.patch, item, mayBlock: true, handler: resources.patch(kind))
            router.add(.delete, item, mayBlock: true, handler: resources.delete(kind))
        }
        for parent in [ResourceKind.participants, .talks] {
            for child in [ResourceKind.statements, .articles] {
                router.add(
                    .get, "/v1/\(parent.rawValue)/:id/\(child.rawValue)",
                    handler: collections.subList(parent: parent, child: child))
            }
        }
        router.add(.get, "/v1/talks/:id/timeline", handler: collections.timeline())
        router.add(.get, "/v1/volume", handler: collections.volume())
        router.add(.get, "/v1/search", handler: collections.search())
        let fetch = FetchHandler(store: store, client: fetchClient)
        router.add(.post, "/v1/articles/fetch", mayBlock: true, handler: fetch.fetch())
        let system = SystemHandlers(readiness: readiness)
        router.add(.get, "/health", handler: system.health())
        router.add(.get, "/ready", handler: system.ready())
        router.add(.get, "/metrics", handler: metrics.makeHandler())
        router.add(.get, "/openapi.json", handler: system.openAPI())
        return router
    }
}
