import ArgumentParser
import Foundation

/// `peacetalks serve`: runs the HTTP server until SIGTERM or SIGINT.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the HTTP server.")

    @Option(help: "The address to listen on (default 127.0.0.1; 0.0.0.0 or :: for every interface).")
    var host: String?

    @Option(help: "The port to listen on (default 8080; 0 picks a free port and prints it).")
    var port: String?

    @OptionGroup var options: SettingOptions

    func run() throws {
        var flags = options.givenSettings
        if let host { flags.append(("host", host)) }
        if let port { flags.append(("port", port)) }
        let settings = try Settings.resolve(
            configurationPath: options.config,
            environment: ProcessInfo.processInfo.environment,
            flags: flags
        )
        print(settings)
    }
}
