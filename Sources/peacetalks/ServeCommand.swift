import ArgumentParser
import Fetch
import Foundation
import HTTPServer
import Logging
import Journal
import PeaceTalksAPI
import PeaceTalksPersistence
import PeaceTalksStore

/// `peacetalks serve`: runs the HTTP server until SIGTERM or SIGINT, then drains and exits 0.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the HTTP server.")

    @Option(help: "The address to listen on (default 127.0.0.1; 0.0.0.0 or :: for every interface).")
    var host: String?

    @Option(help: "The port to listen on (default 8080; 0 picks a free port and prints it).")
    var port: String?

    @OptionGroup var options: SettingOptions

    func run() throws {
        // Block the stop signals before any thread starts (threads inherit the mask), so that only the thread
        // waiting in `sigwait` receives them, whatever mask or handlers the parent process left us.
        var stopSignals = Self.stopSignals
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)
        var flags = options.givenSettings
        if let host { flags.append(("host", host)) }
        if let port { flags.append(("port", port)) }
        let settings = try Settings.resolve(
            configurationPath: options.config,
            environment: ProcessInfo.processInfo.environment,
            flags: flags
        )
        // A log reader that goes away (a closed pipe) must not kill the server: its log writes then fail with
        // EPIPE, and the lines are dropped.
        signal(SIGPIPE, SIG_IGN)
        let logOutput = LogOutputBuffer()
        LoggingSystem.bootstrap { BufferedStreamLogHandler(label: $0, output: logOutput, logLevel: settings.logLevel) }
        defer { logOutput.close() }
        try serve(with: settings, logger: Logger(label: "peacetalks"))
    }

    private func serve(with settings: Settings, logger: Logger) throws(StartupError) {
        // The lock comes first, so that a second server on the same directory stops before it listens.
        let lock = settings.inMemory ? nil : try DataDirectory.lock(settings.dataDirectory)
        let store = InMemoryStore()
        let application = Application(
            configuration: APIConfiguration(apiKeys: apiKeys(from: settings), corsOrigins: settings.corsOrigins),
            store: store,
            logger: logger,
            fetchClient: FetchClient(configuration: settings.fetchConfiguration)
        )
        let server = application.makeServer(configuration: settings.serverConfiguration)
        let address: SocketAddress
        do {
            address = try server.start()
        } catch {
            throw StartupError("cannot listen on \(settings.host):\(settings.port): \(error)")
        }
        FileHandle.standardOutput.write(Data("peacetalks listening on http://\(address)\n".utf8))
        stopOnSignals(server)

        let durable: DurableStore?
        do throws(StartupError) {
            durable = try lock.map { lock throws(StartupError) in
                try DataDirectory.open(lock, into: store, settings: settings, repair: options.repair, logger: logger)
            }
            let seeds = URL(fileURLWithPath: settings.seedsDirectory)
            if let durable {
                if durable.holdsNoRecord { try DataDirectory.seed(durable, from: seeds) }
            } else {
                do {
                    try loadSeeds(from: seeds, into: store)
                } catch {
                    throw StartupError("\(error)")
                }
            }
        } catch {
            server.shutdown()
            throw error
        }
        application.readiness.markReady()
        logger.info("ready")
        server.wait()
        do {
            try durable?.close()
        } catch {
            logger.error("closing the journal failed: \(error)")
        }
    }

    /// The configured keys, or one made for this run and printed once on standard error.
    private func apiKeys(from settings: Settings) -> [String] {
        guard settings.apiKeys.isEmpty else { return settings.apiKeys }
        let key = APIConfiguration.makeAPIKey()
        FileHandle.standardError.write(Data("peacetalks: no API key configured; for this run writes need: Authorization: Bearer \(key)\n".utf8))
        return [key]
    }

    /// SIGTERM and SIGINT, which start a graceful shutdown.
    private static var stopSignals: sigset_t {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        return signals
    }

    /// Starts a thread that waits for SIGTERM or SIGINT (blocked everywhere else) and then drains the server.
    private func stopOnSignals(_ server: Server) {
        let waiter = Thread {
            var signals = Self.stopSignals
            var received: Int32 = 0
            while sigwait(&signals, &received) != 0 {}
            server.shutdown()
        }
        waiter.name = "signal-waiter"
        waiter.start()
    }
}

/// Start-up failed: the description is the one line printed before exiting with 1.
struct StartupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Settings {
    /// The article fetcher's part of the settings.
    var fetchConfiguration: FetchConfiguration {
        var configuration = FetchConfiguration()
        configuration.allowedHosts = fetchAllowedHosts
        configuration.maxConcurrentFetches = fetchMaxConcurrent
        configuration.totalTimeout = .seconds(fetchTimeoutSeconds)
        configuration.maxBodyBytes = fetchMaxBytes
        return configuration
    }

    /// The HTTP server's part of the settings.
    var serverConfiguration: ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.loopCount = eventLoops
        // A fetch holds its worker for the whole transfer; the writes keep the default share of the pool.
        configuration.maxWorkerThreads += fetchMaxConcurrent
        configuration.limits.maxHeaderSectionBytes = maxHeaderBytes
        configuration.limits.maxHeaderCount = maxHeaderCount
        configuration.limits.maxTargetBytes = maxTargetBytes
        configuration.limits.maxBodyBytes = maxBodyBytes
        configuration.headerTimeout = .seconds(headerTimeoutSeconds)
        configuration.bodyTimeout = .seconds(bodyTimeoutSeconds)
        configuration.idleTimeout = .seconds(idleTimeoutSeconds)
        configuration.maxConnections = maxConnections
        configuration.maxBufferedOutputBytes = maxOutputBufferBytes
        configuration.drainTimeout = .seconds(drainTimeoutSeconds)
        return configuration
    }
}
