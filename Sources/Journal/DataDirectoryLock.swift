import Glibc

/// An exclusive lock on a data directory, held through `flock` on its `LOCK` file, which names the holder's pid.
///
/// The kernel drops a `flock` when its holder exits, even by `kill -9`, so a stale `LOCK` file never blocks.
/// Locks belong to open file descriptions: a second `acquire` in the same process is refused too.
package final class DataDirectoryLock: Sendable {
    /// The data directory locked.
    package let directory: String
    /// The lock file's path.
    package let path: String
    private let fd: Int32

    private init(directory: String, path: String, fd: Int32) {
        self.directory = directory
        self.path = path
        self.fd = fd
    }

    /// Takes the lock on `directory` (creating it if needed) or throws `.locked` naming the holder's pid.
    package static func acquire(directory: String) throws(JournalError) -> DataDirectoryLock {
        try FileSystem.createDirectory(directory)
        let path = directory + "/LOCK"
        let fd = try FileSystem.open(path, O_RDWR | O_CREAT)
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let error = Glibc.errno
            defer { close(fd) }
            guard error == EWOULDBLOCK else { throw .io("flock", path: path, errno: error) }
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
            let digits = buffer.prefix(max(0, count)).prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            let holder = String(decoding: digits, as: UTF8.self)
            let who = holder.isEmpty ? "another process" : "process \(holder)"
            throw JournalError(code: .locked, path: path, message: "the data directory is in use by \(who)")
        }
        let pid = Array("\(getpid())\n".utf8)
        let written = pid.withUnsafeBytes { bytes in
            ftruncate(fd, 0) == 0 ? pwrite(fd, bytes.baseAddress, bytes.count, 0) : -1
        }
        if written != pid.count {
            let error = Glibc.errno
            close(fd)
            throw .io("write", path: path, errno: error)
        }
        return DataDirectoryLock(directory: directory, path: path, fd: fd)
    }

    deinit { close(fd) }
}
