import Glibc

/// A failure of the journal, naming the file, the byte offset and the system error where there is one.
package struct JournalError: Error, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    package enum Code: Sendable, Equatable {
        /// A system call failed; `errno` says why (ENOSPC, EIO, ...).
        case io
        /// A file holds damaged data that is not a torn tail; start-up must stop (or repair).
        case corrupt
        /// Another holder has the data directory's lock; `message` names its pid.
        case locked
        /// The journal was closed.
        case closed
        /// An earlier write failed; appends are refused until `Journal.resume()`.
        case unavailable
        /// A payload is larger than the configured limit.
        case recordTooLarge
        /// A compaction is already running, or the checkpoint does not belong to the running one.
        case compactionConflict
        /// The replay closure threw for the record at `offset`.
        case recordRejected
    }

    /// What kind of failure this is.
    package let code: Code
    /// The file concerned, when there is one.
    package let path: String?
    /// The byte offset in `path` concerned, when there is one.
    package let offset: Int?
    /// The `errno` of the failed system call, when there is one.
    package let errno: Int32?
    /// A sentence saying what failed.
    package let message: String

    /// Makes an error; prefer the static factories below.
    package init(code: Code, path: String? = nil, offset: Int? = nil, errno: Int32? = nil, message: String) {
        self.code = code
        self.path = path
        self.offset = offset
        self.errno = errno
        self.message = message
    }

    /// A failed system call `operation` on `path`, with the `errno` it returned.
    package static func io(_ operation: String, path: String, errno: Int32, offset: Int? = nil) -> JournalError {
        JournalError(code: .io, path: path, offset: offset, errno: errno, message: "\(operation) failed")
    }

    /// Damaged data at `offset` in `path`.
    package static func corrupt(path: String, offset: Int, _ reason: String) -> JournalError {
        JournalError(code: .corrupt, path: path, offset: offset, message: reason)
    }

    /// For example `journal-0000000000000001.log at offset 4096: fdatasync failed: No space left on device`.
    package var description: String {
        var text = ""
        if let path {
            text += path
            if let offset { text += " at offset \(offset)" }
            text += ": "
        }
        text += message
        if let errno { text += ": \(String(cString: strerror(errno))) (errno \(errno))" }
        return text
    }
}
