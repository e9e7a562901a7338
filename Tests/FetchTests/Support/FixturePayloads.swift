/// Pre-compressed bodies (gzip, made with Python's gzip module, mtime 0): the test target has no zlib.
enum FixturePayloads {
    /// The decoded text of `gzipPage` (905 bytes of UTF-8; 100 bytes compressed).
    static let gzipPageText =
        "<html><head><title>Gzip</title></head><body><p>" + String(repeating: "سلام peace talks ", count: 40)
        + "</p></body></html>"

    static let gzipPage = """
        H4sIAAAAAAAC/7PJKMnNsbPJSE1MsbMpySzJSbVzr8ossNGHsG30ITJJ+SmVdjYFdjc232y5sfxmq0JBamJyqkJJYk52scKo4Kjg\
        qCBJgjb6BcC8BclV+uAsCAD8nTrDiQMAAA==
        """

    /// `<html><body>` + 200 000 × `a` + `</body></html>`: 200 026 bytes decoded, 254 compressed.
    static let gzipBomb = """
        H4sIAAAAAAAC/+3BsREAEBAAsJEs8Pe7cAoFp9HY3gz6JDHOmhlt95sVAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\
        AAAAAAAAAAAAAPgWpe1+M8o4a+YD4QbshloNAwA=
        """
}
