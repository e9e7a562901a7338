import Foundation

/// The fetch fixture pages in Tests/Fixtures/fetch (see make_fixtures.py there).
enum FixturePages {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/fetch")

    /// The bytes of `name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The known main text of the page `name` (its `.expected.txt`).
    static func expectedText(_ name: String) throws -> String {
        let file = directory.appendingPathComponent(name.replacingOccurrences(of: ".html", with: ".expected.txt"))
        return try String(contentsOf: file, encoding: .utf8)
    }
}
