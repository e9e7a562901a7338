import ArgumentParser
import Foundation
import Journal
import Logging
import PeaceTalksModel
import PeaceTalksPersistence
import PeaceTalksStore

/// `peacetalks compact`: snapshot a stopped server's data directory and restart its journal.
struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact", abstract: "Write a snapshot of a stopped server's data and restart its journal.")

    @OptionGroup var options: SettingOptions

    func run() throws {
        let (durable, _) = try options.openDataDirectory()
        let summary: CompactionSummary
        do {
            summary = try durable.compact()
            try durable.close()
        } catch {
            throw StartupError("compaction failed: \(error)")
        }
        print("compacted: snapshot \(summary.generation) holds \(summary.resourceCount) resources")
    }
}

/// `peacetalks export`: every resource of a stopped server's data directory as NDJSON.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write every resource as NDJSON, one per line, in an order import accepts.")

    @OptionGroup var options: SettingOptions

    @Option(help: "The file to write (default -, standard output).")
    var output = "-"

    func run() throws {
        let (durable, _) = try options.openDataDirectory()
        let handle: FileHandle
        if output == "-" {
            handle = FileHandle.standardOutput
        } else {
            guard FileManager.default.createFile(atPath: output, contents: nil),
                let file = FileHandle(forWritingAtPath: output)
            else { throw StartupError("cannot create \(output)") }
            handle = file
        }
        do {
            let count = try NDJSONExport.export(durable.store) { try handle.write(contentsOf: $0) }
            if output != "-" {
                try handle.synchronize()
                try handle.close()
            }
            FileHandle.standardError.write(Data("peacetalks: exported \(count) resources\n".utf8))
        } catch {
            throw StartupError("export failed: \(error)")
        }
    }
}

/// `peacetalks import`: adds an NDJSON export to a stopped server's data directory, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the resources of an NDJSON export; every line is checked first, nothing is added if one is bad.")

    @OptionGroup var options: SettingOptions

    @Argument(help: "The NDJSON file (- for standard input).")
    var file: String

    func run() throws {
        let bytes: [UInt8]
        if file == "-" {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: file) else { throw StartupError("cannot read \(file)") }
            bytes = [UInt8](data)
        }
        let (durable, settings) = try options.openDataDirectory()
        let resources: [Resource]
        do {
            resources = try NDJSONImport.validate(bytes, against: durable.store)
        } catch {
            let lines = error.problems.map { "peacetalks: \(file): \($0)\n" }.joined()
            FileHandle.standardError.write(Data(lines.utf8))
            throw ExitCode(1)
        }
        do {
            try NDJSONImport.apply(resources, to: durable)
            // As a server would past the journal size limit: the next start-up then reads one snapshot, search
            // indexes included, instead of analysing every imported text again.
            if durable.journal.journalSize > settings.compactAfterBytes { try durable.compact() }
            try durable.close()
        } catch {
            throw StartupError("import failed, nothing was added: \(error)")
        }
        FileHandle.standardError.write(Data("peacetalks: imported \(resources.count) resources\n".utf8))
    }
}

extension SettingOptions {
    /// Locks and replays the configured data directory for an offline command (refused while a server holds it);
    /// returns the settings too.
    func openDataDirectory() throws -> (DurableStore, Settings) {
        let settings = try Settings.resolve(
            configurationPath: config, environment: ProcessInfo.processInfo.environment, flags: givenSettings)
        guard !settings.inMemory else { throw StartupError("this command needs a data directory, not --in-memory") }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let lock = try DataDirectory.lock(settings.dataDirectory)
        var offline = settings
        offline.compactAfterBytes = Int.max
        let durable = try DataDirectory.open(
            lock, into: InMemoryStore(), settings: offline, repair: repair, logger: Logger(label: "peacetalks"))
        return (durable, settings)
    }
}
