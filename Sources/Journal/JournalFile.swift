import Glibc

/// One open journal generation file; closes its descriptor when the last reference goes.
///
/// `@unchecked Sendable`: `durableSize`, `allocatedSize` and `needsTruncation` are touched only by the thread
/// that holds the journal's sync leadership (`WriterState.syncing`, set and cleared under `Journal.condition`),
/// or under `Journal.condition` while no leader exists.
final class JournalFile: @unchecked Sendable {
    let fd: Int32
    let path: String
    let generation: UInt64
    /// Bytes known to be on stable storage; everything past it is rewritten or cut.
    var durableSize: Int
    /// The file's size: past `durableSize` it holds zeros written ahead, so that a sync of the next records
    /// flushes data only, without the metadata commit that growing the file costs.
    var allocatedSize: Int
    /// A failed write may have left bytes past `durableSize` that a failed `ftruncate` could not remove.
    var needsTruncation = false
    /// Direct writes of the records, opened on first use; nil where the file system refuses them.
    private var appender: DirectAppender?
    private var openedAppender = false

    /// Wraps an open file of `size` bytes, all taken as durable until replay finds where the records end.
    init(fd: Int32, path: String, generation: UInt64, size: Int) {
        self.fd = fd
        self.path = path
        self.generation = generation
        self.durableSize = size
        self.allocatedSize = size
    }

    /// Creates the journal file of `generation` in `directory` holding just its header, and makes the file and
    /// its directory entry durable before any record can be acknowledged from it.
    static func create(
        directory: String, generation: UInt64, operations: any JournalFileOperations
    ) throws(JournalError) -> JournalFile {
        let path = directory + "/" + JournalFormat.journalName(generation)
        let fd = try FileSystem.open(path, O_RDWR | O_CREAT | O_TRUNC)
        let file = JournalFile(fd: fd, path: path, generation: generation, size: 0)
        try file.resetToHeader(operations: operations)
        try FileSystem.synchronizeDirectory(directory)
        return file
    }

    /// Cuts the file to `length` bytes and syncs it; a cut inside the header rewrites the header alone.
    func cut(at length: Int, operations: any JournalFileOperations) throws(JournalError) {
        if length < JournalFormat.headerSize { return try resetToHeader(operations: operations) }
        var result = operations.truncate(fd, to: length)
        if result != 0 { throw .io("ftruncate", path: path, errno: result, offset: length) }
        result = operations.synchronize(fd)
        if result != 0 { throw .io("fdatasync", path: path, errno: result, offset: length) }
        durableSize = length
        allocatedSize = length
    }

    private func resetToHeader(operations: any JournalFileOperations) throws(JournalError) {
        let header = JournalFormat.header(.journal, generation: generation)
        var result = operations.truncate(fd, to: 0)
        if result != 0 { throw .io("ftruncate", path: path, errno: result, offset: 0) }
        result = header.withUnsafeBytes { operations.write(fd, $0, at: 0) }
        if result != 0 { throw .io("write", path: path, errno: result, offset: 0) }
        result = operations.synchronize(fd)
        if result != 0 { throw .io("fdatasync", path: path, errno: result, offset: 0) }
        durableSize = header.count
        allocatedSize = header.count
    }

    /// The file's direct appender, opened on the first call; nil where direct I/O is refused.
    func directAppender() -> DirectAppender? {
        if !openedAppender {
            openedAppender = true
            appender = DirectAppender(path: path)
        }
        return appender
    }

    /// Goes back to writes through the page cache (a direct write was refused).
    func refuseDirectIO() {
        openedAppender = true
        appender = nil
    }

    deinit { close(fd) }
}
