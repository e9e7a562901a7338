import Foundation

extension Settings {
    /// The configuration file read when neither `--config` nor `PEACETALKS_CONFIG` names one (if it exists).
    static let defaultConfigurationPath = "Config/peacetalks.json"

    /// Layers the defaults, the configuration file, the environment and the flags, later winning.
    /// - Parameters:
    ///   - configurationPath: the `--config` flag, if given; a named file must exist.
    ///   - flags: setting names with the values given on the command line.
    static func resolve(
        configurationPath: String?,
        environment: [String: String],
        flags: [(name: String, value: String)]
    ) throws(SettingError) -> Settings {
        var settings = Settings()
        if let path = configurationPath ?? environment["PEACETALKS_CONFIG"] {
            try settings.applyConfigurationFile(at: path)
        } else if FileManager.default.fileExists(atPath: defaultConfigurationPath) {
            try settings.applyConfigurationFile(at: defaultConfigurationPath)
        }
        for variable in try settings.applyEnvironment(environment) {
            FileHandle.standardError.write(Data("peacetalks: warning: \(variable) names no setting; ignored\n".utf8))
        }
        for flag in flags {
            guard let field = field(named: flag.name) else { preconditionFailure("flag for unknown setting \(flag.name)") }
            try settings.apply(.text(flag.value), to: field, origin: "--" + flag.name.replacingOccurrences(of: "_", with: "-"))
        }
        return settings
    }
}
