import ArgumentParser

/// `peacetalks`: the root command; its subcommands run the server and manage its data.
struct PeaceTalksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peacetalks",
        abstract: "An HTTP JSON API for coverage of peace negotiations.",
        subcommands: [ServeCommand.self, CompactCommand.self, ExportCommand.self, ImportCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}

/// The settings every command that opens the data directory shares.
struct SettingOptions: ParsableArguments {
    @Option(help: "A JSON configuration file (default: Config/peacetalks.json when it exists).")
    var config: String?

    @Option(name: .customLong("data-dir"), help: "Where the journal and snapshots live (default ./data).")
    var dataDirectory: String?

    @Option(name: .customLong("seeds-dir"), help: "Where the seed data is read from on first start (default ./seeds).")
    var seedsDirectory: String?

    @Flag(name: .customLong("in-memory"), help: "Keep everything in memory: nothing is written to disk.")
    var inMemory = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?

    @Flag(help: "Cut corrupt journal data (and everything after it) instead of refusing to start.")
    var repair = false

    /// The flags that were given, as setting names and text values, for `Settings.resolve`.
    var givenSettings: [(name: String, value: String)] {
        var given: [(name: String, value: String)] = []
        if let dataDirectory { given.append(("data_dir", dataDirectory)) }
        if let seedsDirectory { given.append(("seeds_dir", seedsDirectory)) }
        if inMemory { given.append(("in_memory", "true")) }
        if let logLevel { given.append(("log_level", logLevel)) }
        return given
    }
}
