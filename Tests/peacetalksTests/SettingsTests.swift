import Foundation
import Logging
import Testing

@testable import peacetalks

@Suite struct SettingsTests {
    /// Writes `json` to a fresh temporary file and returns its path.
    private func configurationFile(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("peacetalks-settings-\(UUID().uuidString).json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func defaults_MatchTheContract() throws {
        let settings = try Settings.resolve(configurationPath: nil, environment: [:], flags: [])
        #expect(settings.port == 8080)
        #expect(settings.host == "127.0.0.1")
        #expect(settings.maxHeaderBytes == 16 * 1024)
        #expect(settings.maxHeaderCount == 100)
        #expect(settings.maxTargetBytes == 8 * 1024)
        #expect(settings.maxBodyBytes == 1024 * 1024)
        #expect(settings.headerTimeoutSeconds == 10)
        #expect(settings.bodyTimeoutSeconds == 30)
        #expect(settings.idleTimeoutSeconds == 60)
        #expect(settings.maxConnections == 4096)
        #expect(settings.corsOrigins == ["*"])
    }

    @Test func shippedConfigurationFile_HoldsTheDefaults() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("Config/peacetalks.json").path
        let fromFile = try Settings.resolve(configurationPath: path, environment: [:], flags: [])
        #expect(fromFile == Settings())
    }

    @Test func laterLayers_Win() throws {
        let path = try configurationFile(#"{"port": 9000, "host": "::1", "log_level": "debug", "api_keys": ["k-0123456789abcdef"]}"#)
        let settings = try Settings.resolve(
            configurationPath: path,
            environment: ["PEACETALKS_PORT": "9001", "PEACETALKS_API_KEYS": "a-0123456789abcdef, b-0123456789abcdef"],
            flags: [("port", "9002")]
        )
        #expect(settings.port == 9002)
        #expect(settings.host == "::1")
        #expect(settings.logLevel == .debug)
        #expect(settings.apiKeys == ["a-0123456789abcdef", "b-0123456789abcdef"])
    }

    @Test func configurationFile_NamedByEnvironment_IsRead() throws {
        let path = try configurationFile(#"{"max_body_bytes": 2048}"#)
        let settings = try Settings.resolve(configurationPath: nil, environment: ["PEACETALKS_CONFIG": path], flags: [])
        #expect(settings.maxBodyBytes == 2048)
    }

    @Test(arguments: [
        ([("port", "http")], "port"),
        ([("port", "65536")], "port"),
        ([("port", "-1")], "port"),
        ([("log_level", "loud")], "log_level"),
        ([("in_memory", "maybe")], "in_memory"),
        ([("host", "bad host")], "host"),
    ])
    func badFlag_NamesTheSetting(flags: [(String, String)], setting: String) {
        #expect {
            _ = try Settings.resolve(configurationPath: nil, environment: [:], flags: flags.map { ($0.0, $0.1) })
        } throws: { error in
            (error as? SettingError)?.setting == setting
        }
    }

    @Test func badEnvironmentValue_NamesTheVariable() {
        #expect {
            _ = try Settings.resolve(configurationPath: nil, environment: ["PEACETALKS_IDLE_TIMEOUT_SECONDS": "0"], flags: [])
        } throws: { error in
            let error = error as? SettingError
            return error?.setting == "idle_timeout_seconds" && error?.origin.contains("PEACETALKS_IDLE_TIMEOUT_SECONDS") == true
        }
    }

    @Test func unknownEnvironmentVariable_IsReported_NotApplied() throws {
        var settings = Settings()
        let unknown = try settings.applyEnvironment(["PEACETALKS_PROT": "1", "PEACETALKS_PORT": "81", "HOME": "/root"])
        #expect(unknown == ["PEACETALKS_PROT"])
        #expect(settings.port == 81)
    }

    @Test func shortAPIKey_IsRefused_WithoutEchoingIt() throws {
        let secret = "short-secret"
        #expect {
            _ = try Settings.resolve(configurationPath: nil, environment: ["PEACETALKS_API_KEYS": secret], flags: [])
        } throws: { error in
            guard let error = error as? SettingError else { return false }
            return error.setting == "api_keys" && !error.description.contains(secret)
        }
    }

    @Test(arguments: [#"{"port": "8080"}"#, #"{"port": 80.5}"#, #"{"in_memory": 1}"#, #"{"prot": 1}"#, "[1]", "{"])
    func badConfigurationFile_IsRefused(json: String) throws {
        let path = try configurationFile(json)
        #expect(throws: SettingError.self) {
            _ = try Settings.resolve(configurationPath: path, environment: [:], flags: [])
        }
    }

    @Test func missingConfigurationFile_IsRefused() {
        #expect(throws: SettingError.self) {
            _ = try Settings.resolve(configurationPath: "/nonexistent/peacetalks.json", environment: [:], flags: [])
        }
    }
}
