import Testing

@testable import Fetch

@Suite struct FetchURLTests {
    @Test(arguments: [
        ("http://127.0.0.1/", "127.0.0.1"), ("http://2130706433/", "127.0.0.1"), ("http://0177.0.0.1/", "127.0.0.1"),
        ("http://0x7f.1/", "127.0.0.1"), ("http://0X7F.0.0.1/", "127.0.0.1"), ("http://127.1/", "127.0.0.1"),
        ("http://127.0.1/", "127.0.0.1"), ("http://127.0.0.1./", "127.0.0.1"), ("http://0x7f000001/", "127.0.0.1"),
        ("http://017700000001/", "127.0.0.1"), ("http://127.000.000.001/", "127.0.0.1"),
        ("http://0x0a000001/", "10.0.0.1"), ("http://0xA9FEA9FE/", "169.254.169.254"), ("http://0/", "0.0.0.0"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1"), ("http://[0:0:0:0:0:0:0:1]/", "::1"),
        ("http://[FD00::1]:8080/", "fd00::1"),
    ])
    func unusualAddressSpellings_AreNormalised(_ url: String, _ address: String) throws {
        let parsed = try FetchURL(parsing: url)
        guard case .address(let parsedAddress) = parsed.host else {
            Issue.record("\(url) parsed as a name")
            return
        }
        #expect(parsedAddress.description == address)
    }

    @Test func canonicalForm_IsWhatLibcurlGets() throws {
        #expect(
            try FetchURL(parsing: "HTTP://0x7f.1:8080/a/./b/../c?x=1#frag").description
                == "http://127.0.0.1:8080/a/c?x=1"
        )
        #expect(try FetchURL(parsing: "https://Example.COM:443").description == "https://example.com/")
        #expect(try FetchURL(parsing: "http://[::1]:80/").description == "http://[::1]/")
        #expect(
            try FetchURL(parsing: "http://a.test/مقال 1?q=سلام").description
                == "http://a.test/%D9%85%D9%82%D8%A7%D9%84%201?q=%D8%B3%D9%84%D8%A7%D9%85"
        )
        #expect(try FetchURL(parsing: "http://a.test/%41%zz").description == "http://a.test/%41%25zz")
    }

    @Test(arguments: [
        "http://user@127.0.0.1/", "http://user:pass@example.com/", "http://example.com@127.0.0.1/",
        "http://evil.com\\@127.0.0.1/", "http://1.2.3.4.5/", "http://256.0.0.1/", "http://0x1g.1/",
        "http://127..1/", "http://%31%32%37.0.0.1/", "http://exa mple.com/", "http://[::1/", "http://[::1]x/",
        "http://[::ffff:0x7f.1]/", "http://host:0/", "http://host:65536/", "http://host:8o/", "//example.com/",
        "example.com", "http:example.com", "http://", "http://a.test/\n", "http://ex\u{0430}mple.com/",
        "http://foo.123/",
    ])
    func malformedOrDeceptiveURLs_AreInvalid(_ url: String) {
        #expect {
            try FetchURL(parsing: url)
        } throws: { error in
            guard case .invalidURL = error as? FetchError else { return false }
            return true
        }
    }

    @Test(arguments: [
        "ftp://example.com/", "file:///etc/passwd", "gopher://127.0.0.1/", "javascript:alert(1)",
        "dict://127.0.0.1:11211/", "ldap://x/",
    ])
    func otherSchemes_AreUnsupported(_ url: String) {
        #expect(throws: FetchError.unsupportedScheme(String(url.prefix { $0 != ":" }))) { try FetchURL(parsing: url) }
    }

    @Test func zoneIdentifiers_AreRefused() {
        #expect(
            throws: FetchError.forbiddenAddress(
                host: "fe80::1%25eth0",
                address: "fe80::1",
                reason: "IPv6 zone identifiers (interface scopes) are not allowed"
            )
        ) { try FetchURL(parsing: "http://[fe80::1%25eth0]/") }
    }

    @Test(arguments: [
        ("/b", "http://a.test:81/b"), ("c", "http://a.test:81/x/c"), ("../c?d", "http://a.test:81/c?d"),
        ("?q=2", "http://a.test:81/x/y?q=2"), ("#f", "http://a.test:81/x/y?q=1"),
        ("//other.test/p", "http://other.test/p"), ("https://b.test/", "https://b.test/"),
        ("./", "http://a.test:81/x/"), ("http://0x7f.1/", "http://127.0.0.1/"),
    ])
    func locations_ResolveAgainstTheCurrentURL(_ reference: String, _ expected: String) throws {
        let base = try FetchURL(parsing: "http://a.test:81/x/y?q=1")
        #expect(try base.resolving(reference).description == expected)
    }

    @Test func locationsWithOtherSchemes_AreUnsupported() throws {
        let base = try FetchURL(parsing: "http://a.test/")
        #expect(throws: FetchError.unsupportedScheme("file")) { try base.resolving("file:///etc/passwd") }
    }
}
