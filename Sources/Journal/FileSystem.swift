import Glibc

/// The directory and file calls the journal makes outside the injectable write path, each throwing a
/// `JournalError` that names the path.
enum FileSystem {
    /// Opens `path` with `flags` (O_CLOEXEC is added), creating it with mode 0644 when O_CREAT is given.
    static func open(_ path: String, _ flags: Int32) throws(JournalError) -> Int32 {
        let fd = Glibc.open(path, flags | O_CLOEXEC, 0o644)
        if fd < 0 { throw .io("open", path: path, errno: Glibc.errno) }
        return fd
    }

    /// Creates `path` and any missing parents; an existing directory is fine.
    static func createDirectory(_ path: String) throws(JournalError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component + "/"
            if mkdir(prefix, 0o755) != 0 && Glibc.errno != EEXIST {
                throw .io("mkdir", path: prefix, errno: Glibc.errno)
            }
        }
    }

    /// The names in `directory`, without `.` and `..`.
    static func listDirectory(_ directory: String) throws(JournalError) -> [String] {
        guard let handle = opendir(directory) else { throw .io("opendir", path: directory, errno: Glibc.errno) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Makes the directory's entries (created, renamed, removed files) durable: `fsync` on the directory.
    static func synchronizeDirectory(_ directory: String) throws(JournalError) {
        let fd = try open(directory, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        if fsync(fd) != 0 { throw .io("fsync", path: directory, errno: Glibc.errno) }
    }

    /// Atomically replaces `destination` with `source`.
    static func rename(_ source: String, to destination: String) throws(JournalError) {
        if Glibc.rename(source, destination) != 0 { throw .io("rename", path: source, errno: Glibc.errno) }
    }

    /// Removes `path`; a missing file is fine.
    static func remove(_ path: String) throws(JournalError) {
        if unlink(path) != 0 && Glibc.errno != ENOENT { throw .io("unlink", path: path, errno: Glibc.errno) }
    }

    /// The size of the open file `fd`.
    static func size(_ fd: Int32, path: String) throws(JournalError) -> Int {
        var info = stat()
        if fstat(fd, &info) != 0 { throw .io("fstat", path: path, errno: Glibc.errno) }
        return Int(info.st_size)
    }
}

/// A read-only view of a whole file, mapped into memory so that replay makes no per-record system call.
final class MappedFile {
    /// The file's bytes, valid while this object lives.
    let bytes: UnsafeRawBufferPointer

    /// Maps the first `size` bytes of `fd`.
    init(_ fd: Int32, size: Int, path: String) throws(JournalError) {
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        // MAP_POPULATE reads the file ahead in large requests instead of one page fault at a time.
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0)
        guard let address, address != MAP_FAILED else { throw .io("mmap", path: path, errno: Glibc.errno) }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let address = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: address), bytes.count) }
    }
}
