import Foundation
import Logging

/// Every setting of the server, with the defaults of `Config/peacetalks.json` and ../shared/API.md.
///
/// Settings are layered: these defaults, then the configuration file, then `PEACETALKS_*` environment
/// variables, then command-line flags; a later layer wins.
struct Settings: Equatable {
    var host = "127.0.0.1"
    var port = 8080
    var dataDirectory = "./data"
    var inMemory = false
    /// Journal size past which the server writes a snapshot and restarts the journal.
    var compactAfterBytes = 64 << 20
    var seedsDirectory = "./seeds"
    var logLevel = Logger.Level.info
    /// Bearer keys accepted for writes; when empty, the server makes one at start-up.
    var apiKeys: [String] = []
    var corsOrigins = ["*"]
    var eventLoops = 1
    var maxHeaderBytes = 16 * 1024
    var maxHeaderCount = 100
    var maxTargetBytes = 8 * 1024
    var maxBodyBytes = 1024 * 1024
    var headerTimeoutSeconds = 10.0
    var bodyTimeoutSeconds = 30.0
    var idleTimeoutSeconds = 60.0
    var maxConnections = 4096
    var maxOutputBufferBytes = 4 * 1024 * 1024
    var drainTimeoutSeconds = 10.0
    /// Hosts that `POST /v1/articles/fetch` may reach even though their addresses are private or loopback.
    var fetchAllowedHosts: [String] = []
    var fetchMaxConcurrent = 8
    var fetchTimeoutSeconds = 20.0
    var fetchMaxBytes = 5 * 1024 * 1024
}

/// A setting that could not be used; its description is the one line the executable prints before exiting with 2.
struct SettingError: Error, CustomStringConvertible {
    var setting: String
    var origin: String
    var problem: String

    var description: String { "invalid setting \(setting) (from \(origin)): \(problem)" }
}

/// A value for a setting before it is checked: typed when it comes from JSON, text from the environment or a flag.
/// Text is parsed (`"8080"` is a port); a JSON string is only ever a string, so the file's types stay checked.
enum RawSetting: Decodable {
    case text(String)
    case jsonString(String)
    case boolean(Bool)
    case number(Double)
    case strings([String])
    case unsupported

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .jsonString(value)
        } else if let value = try? container.decode([String].self) {
            self = .strings(value)
        } else {
            self = .unsupported
        }
    }
}

extension Settings {
    /// One entry of the settings table: its name in the configuration file (the environment variable is
    /// `PEACETALKS_` + the name in upper case) and how a raw value is checked and applied.
    struct Field: Sendable {
        let name: String
        /// Throws `SettingProblem`.
        let apply: @Sendable (inout Settings, RawSetting) throws -> Void

        var environmentVariable: String { "PEACETALKS_" + name.uppercased() }
    }

    /// Why a raw value was refused, without saying where it came from.
    struct SettingProblem: Error {
        let message: String
    }

    static let fields: [Field] = [
        Field(name: "host") { $0.host = try $1.host() },
        Field(name: "port") { $0.port = try $1.integer(in: 0...65_535) },
        Field(name: "data_dir") { $0.dataDirectory = try $1.nonEmptyText() },
        Field(name: "in_memory") { $0.inMemory = try $1.boolean() },
        Field(name: "compact_after_bytes") { $0.compactAfterBytes = try $1.integer(in: 4096...1 << 40) },
        Field(name: "seeds_dir") { $0.seedsDirectory = try $1.nonEmptyText() },
        Field(name: "log_level") { $0.logLevel = try $1.logLevel() },
        Field(name: "api_keys") { $0.apiKeys = try $1.list(minimumLength: 16) },
        Field(name: "cors_origins") { $0.corsOrigins = try $1.list() },
        Field(name: "event_loops") { $0.eventLoops = try $1.integer(in: 1...64) },
        Field(name: "max_header_bytes") { $0.maxHeaderBytes = try $1.integer(in: 1024...1_048_576) },
        Field(name: "max_header_count") { $0.maxHeaderCount = try $1.integer(in: 1...10_000) },
        Field(name: "max_target_bytes") { $0.maxTargetBytes = try $1.integer(in: 64...1_048_576) },
        Field(name: "max_body_bytes") { $0.maxBodyBytes = try $1.integer(in: 0...1_073_741_824) },
        Field(name: "header_timeout_seconds") { $0.headerTimeoutSeconds = try $1.seconds() },
        Field(name: "body_timeout_seconds") { $0.bodyTimeoutSeconds = try $1.seconds() },
        Field(name: "idle_timeout_seconds") { $0.idleTimeoutSeconds = try $1.seconds() },
        Field(name: "max_connections") { $0.maxConnections = try $1.integer(in: 1...1_000_000) },
        Field(name: "max_output_buffer_bytes") { $0.maxOutputBufferBytes = try $1.integer(in: 4096...1_073_741_824) },
        Field(name: "drain_timeout_seconds") { $0.drainTimeoutSeconds = try $1.seconds() },
        Field(name: "fetch_allowed_hosts") { $0.fetchAllowedHosts = try $1.list() },
        Field(name: "fetch_max_concurrent") { $0.fetchMaxConcurrent = try $1.integer(in: 1...256) },
        Field(name: "fetch_timeout_seconds") { $0.fetchTimeoutSeconds = try $1.seconds() },
        Field(name: "fetch_max_bytes") { $0.fetchMaxBytes = try $1.integer(in: 1024...1_073_741_824) },
    ]

    static func field(named name: String) -> Field? { fields.first { $0.name == name } }

    /// Applies one raw value, naming the setting and where the value came from when it is refused.
    mutating func apply(_ raw: RawSetting, to field: Field, origin: String) throws(SettingError) {
        do {
            try field.apply(&self, raw)
        } catch {
            let problem = (error as? SettingProblem)?.message ?? "\(error)"
            throw SettingError(setting: field.name, origin: origin, problem: problem)
        }
    }

    /// Applies the settings of a JSON configuration file: an object whose keys are setting names.
    mutating func applyConfigurationFile(at path: String) throws(SettingError) {
        let origin = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingError(setting: "config", origin: origin, problem: "the file cannot be read")
        }
        let entries: [String: RawSetting]
        do {
            entries = try JSONDecoder().decode([String: RawSetting].self, from: data)
        } catch {
            throw SettingError(setting: "config", origin: origin, problem: "the file must hold one JSON object")
        }
        // Keys starting with `_` are comments.
        for (name, value) in entries.sorted(by: { $0.key < $1.key }) where !name.hasPrefix("_") {
            guard let field = Self.field(named: name) else {
                throw SettingError(setting: name, origin: origin, problem: "unknown setting")
            }
            try apply(value, to: field, origin: origin)
        }
    }

    /// Applies every `PEACETALKS_*` variable of `environment` that names a setting, and returns the other
    /// `PEACETALKS_` names so that the caller can warn about them: a typo must not pass silently, but variables
    /// the environment sets for other purposes (orchestrators inject `PEACETALKS_SERVICE_HOST` and the like)
    /// must not stop the server either.
    mutating func applyEnvironment(_ environment: [String: String]) throws(SettingError) -> [String] {
        let ignored: Set<String> = ["PEACETALKS_CONFIG"]
        var unknown: [String] = []
        for (variable, value) in environment.sorted(by: { $0.key < $1.key })
        where variable.hasPrefix("PEACETALKS_") && !ignored.contains(variable) {
            guard let field = Self.fields.first(where: { $0.environmentVariable == variable }) else {
                unknown.append(variable)
                continue
            }
            try apply(.text(value), to: field, origin: "environment variable \(variable)")
        }
        return unknown
    }
}

extension RawSetting {
    typealias Problem = Settings.SettingProblem

    private var textValue: String? {
        switch self {
        case .text(let text), .jsonString(let text): text
        default: nil
        }
    }

    func nonEmptyText() throws(Problem) -> String {
        guard let text = textValue?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            throw Problem(message: "expected a non-empty string")
        }
        return text
    }

    func host() throws(Problem) -> String {
        let text = try nonEmptyText()
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:%")
        guard text.unicodeScalars.allSatisfy(allowed.contains) else {
            throw Problem(message: "'\(text)' is not a host name or IP address")
        }
        return text
    }

    func integer(in range: ClosedRange<Int>) throws(Problem) -> Int {
        let number: Int?
        switch self {
        case .text(let text): number = Int(text.trimmingCharacters(in: .whitespaces))
        case .number(let value): number = value == value.rounded() && abs(value) < 1e15 ? Int(value) : nil
        default: number = nil
        }
        guard let number else { throw Problem(message: "expected a whole number from \(range.lowerBound) to \(range.upperBound)") }
        guard range.contains(number) else {
            throw Problem(message: "\(number) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    func seconds() throws(Problem) -> Double {
        let number: Double?
        switch self {
        case .text(let text): number = Double(text.trimmingCharacters(in: .whitespaces))
        case .number(let value): number = value
        default: number = nil
        }
        guard let number, number.isFinite, number > 0, number <= 86_400 else {
            throw Problem(message: "expected a number of seconds greater than 0 and at most 86400")
        }
        return number
    }

    func boolean() throws(Problem) -> Bool {
        switch self {
        case .boolean(let value): return value
        case .text(let text):
            switch text.lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: break
            }
        default: break
        }
        throw Problem(message: "expected true or false")
    }

    func logLevel() throws(Problem) -> Logger.Level {
        let text = try nonEmptyText().lowercased()
        guard let level = Logger.Level(rawValue: text) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem(message: "'\(text)' is not one of \(names)")
        }
        return level
    }

    /// A list: a JSON array of strings, or comma-separated text (environment, flags). Empty items are dropped.
    /// Items are never echoed in the problem: they may be secrets.
    func list(minimumLength: Int = 1) throws(Problem) -> [String] {
        let items: [String]
        switch self {
        case .text(let text): items = text.split(separator: ",").map(String.init)
        case .strings(let strings): items = strings
        default: throw Problem(message: "expected an array of strings")
        }
        let kept = items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if kept.contains(where: { $0.count < minimumLength }) {
            throw Problem(message: "an entry is shorter than \(minimumLength) characters")
        }
        return kept
    }
}
