import Glibc

/// The system calls that put journal and snapshot bytes on disk; tests replace them to inject ENOSPC or EIO.
///
/// Each returns 0 on success or the `errno` of the failing call, so that nothing can clobber `errno` in between.
package protocol JournalFileOperations: Sendable {
    /// Writes all of `bytes` at `offset` (`pwrite`, retrying short writes and EINTR); on failure a prefix may
    /// have reached the file.
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int32
    /// Makes the file's data and size durable (`fdatasync`).
    func synchronize(_ fd: Int32) -> Int32
    /// Cuts or extends the file to `length` bytes (`ftruncate`).
    func truncate(_ fd: Int32, to length: Int) -> Int32
}

/// The real system calls.
package struct SystemFileOperations: JournalFileOperations {
    /// Makes the real system calls.
    package init() {}

    /// Writes all of `bytes` at `offset` with `pwrite`, retrying short writes and EINTR.
    package func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int32 {
        var written = 0
        while written < bytes.count {
            let result = pwrite(fd, bytes.baseAddress! + written, bytes.count - written, off_t(offset + written))
            if result < 0 {
                if Glibc.errno == EINTR { continue }
                return Glibc.errno
            }
            written += result
        }
        return 0
    }

    /// Calls `fdatasync`, retrying EINTR.
    package func synchronize(_ fd: Int32) -> Int32 {
        while fdatasync(fd) != 0 {
            if Glibc.errno != EINTR { return Glibc.errno }
        }
        return 0
    }

    /// Calls `ftruncate`, retrying EINTR.
    package func truncate(_ fd: Int32, to length: Int) -> Int32 {
        while ftruncate(fd, off_t(length)) != 0 {
            if Glibc.errno != EINTR { return Glibc.errno }
        }
        return 0
    }
}

extension JournalFileOperations {
    /// Writes zeros to `fd` from `start` up to `end`; returns where the written zeros end (`end`, or the start of
    /// the write that failed) and the `errno` of that write, or 0.
    func writeZeros(_ fd: Int32, from start: Int, to end: Int) -> (end: Int, result: Int32) {
        var position = start
        while position < end {
            let count = min(end - position, JournalFormat.zeros.count)
            let result = write(fd, UnsafeRawBufferPointer(rebasing: JournalFormat.zeros[0..<count]), at: position)
            if result != 0 { return (position, result) }
            position += count
        }
        return (end, 0)
    }
}
