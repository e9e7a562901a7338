#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under `/tmp`, removed with everything in it by `remove()`.
package struct TemporaryDirectory: Sendable {
    /// The directory's absolute path.
    package let path: String

    /// Creates `/tmp/<prefix>.XXXXXX`.
    package init(prefix: String = "peacetalks-test") throws {
        var template = Array("/tmp/\(prefix).XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw HTTPTestClientError.system("mkdtemp", errno) }
        path = String(cString: created)
    }

    /// `path` joined with `name`.
    package func appending(_ name: String) -> String { path + "/" + name }

    /// Deletes the directory and its contents.
    package func remove() {
        Self.removeTree(path)
    }

    private static func removeTree(_ path: String) {
        if let directory = opendir(path) {
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = path + "/" + name
                var info = stat()
                if lstat(child, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                    removeTree(child)
                } else {
                    unlink(child)
                }
            }
            closedir(directory)
        }
        rmdir(path)
    }
}

/// Runs `body` with a fresh temporary directory and removes it afterwards.
package func withTemporaryDirectory<R>(
    prefix: String = "peacetalks-test", _ body: (TemporaryDirectory) throws -> R
) throws -> R {
    let directory = try TemporaryDirectory(prefix: prefix)
    defer { directory.remove() }
    return try body(directory)
}
