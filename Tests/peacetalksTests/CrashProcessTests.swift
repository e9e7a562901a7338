import Foundation
import Testing
import TestSupport

/// The short form of the crash test (`scripts/crash-test.sh` runs the long one): the built `peacetalks` under
/// concurrent writes, killed with SIGKILL at random moments and restarted, keeps every acknowledged write.
@Suite(.timeLimit(.minutes(2)))
struct CrashProcessTests {
    @Test func killNine_UnderConcurrentWrites_LosesNoAcknowledgedWrite() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", PeaceTalksProcess.repositoryRoot.appendingPathComponent("scripts/crash-test.py").path,
            PeaceTalksProcess.executable.path, PeaceTalksProcess.seeds.path, "4",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readAllData(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("crash test passed: 4 kill -9 cycles"))
    }
}
