import Foundation
import Journal
import Testing

@Suite(.timeLimit(.minutes(1))) struct DataDirectoryLockTests {
    @Test func secondAcquire_InTheSameProcess_IsRefused_NamingThePid() throws {
        try withTemporaryDirectory { directory in
            var lock: DataDirectoryLock? = try DataDirectoryLock.acquire(directory: directory)
            let error = try #require(throws: JournalError.self) { try DataDirectoryLock.acquire(directory: directory) }
            #expect(error.code == .locked)
            #expect(error.description.contains("process \(getpid())"))
            #expect(lock != nil)
            lock = nil
            _ = try DataDirectoryLock.acquire(directory: directory)
        }
    }

    @Test func staleLockFile_FromADeadProcess_DoesNotBlock() throws {
        try withTemporaryDirectory { directory in
            try writeFile(directory + "/LOCK", Array("999999\n".utf8))
            let lock = try DataDirectoryLock.acquire(directory: directory)
            #expect(try readFile(lock.path) == Array("\(getpid())\n".utf8))
        }
    }

    @Test func anotherProcess_CannotTakeAHeldLock() throws {
        try withTemporaryDirectory { directory in
            let lock = try DataDirectoryLock.acquire(directory: directory)
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            child.arguments = ["--nonblock", "--conflict-exit-code", "75", lock.path, "true"]
            try child.run()
            child.waitUntilExit()
            #expect(child.terminationStatus == 75)
        }
    }

    @Test func lockHeldByAnotherProcess_IsRefused_NamingItsPid() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/LOCK"
            let child = Process()
            let input = Pipe()
            child.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            // flock(1) holds the lock while its shell child records flock's pid and waits for stdin to close.
            child.arguments = [path, "/bin/sh", "-c", "echo $PPID > \"$0\"; read line", path]
            child.standardInput = input
            try child.run()
            defer {
                try? input.fileHandleForWriting.close()
                child.waitUntilExit()
            }
            let holder = "\(child.processIdentifier)\n"
            let deadline = Date().addingTimeInterval(10)
            while (try? String(contentsOfFile: path, encoding: .utf8)) != holder && Date() < deadline {
                usleep(10_000)
            }
            let error = try #require(throws: JournalError.self) { try DataDirectoryLock.acquire(directory: directory) }
            #expect(error.code == .locked)
            #expect(error.description.contains("process \(child.processIdentifier)"))
        }
    }
}
