import ArgumentParser
import Foundation

// A file-size limit (`ulimit -f`) then fails a write past it with EFBIG, as a full disk would, instead of
// killing the process: the write is refused and the server goes on.
signal(SIGXFSZ, SIG_IGN)

// Argument errors and bad settings exit with 2 and one line on standard error, never a stack trace.
do {
    var command = try PeaceTalksCommand.parseAsRoot()
    try command.run()
} catch let error as SettingError {
    exitWithUsageError(error.description)
} catch let error as StartupError {
    FileHandle.standardError.write(Data("peacetalks: \(error.description)\n".utf8))
    exit(1)
} catch let error as ExitCode where error != .success {
    // The command printed its own lines (e.g. one per bad import line).
    exit(error.rawValue)
} catch {
    if PeaceTalksCommand.exitCode(for: error) == .success {
        print(PeaceTalksCommand.fullMessage(for: error))
        exit(0)
    }
    exitWithUsageError(PeaceTalksCommand.message(for: error))
}

func exitWithUsageError(_ message: String) -> Never {
    let line = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid arguments"
    FileHandle.standardError.write(Data("peacetalks: \(line)\n".utf8))
    exit(2)
}
