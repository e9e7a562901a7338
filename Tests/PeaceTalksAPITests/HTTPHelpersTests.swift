import HTTPServer
import Testing

@testable import PeaceTalksAPI

@Suite struct HTTPHelpersTests {
    @Test func entityTagConditions_UseWeakComparison() {
        let current = "\"abc\""
        #expect(EntityTagCondition(fieldValues: []) == nil)
        #expect(EntityTagCondition(fieldValues: ["*"])?.matchesWeakly(current) == true)
        #expect(EntityTagCondition(fieldValues: ["\"abc\""])?.matchesWeakly(current) == true)
        #expect(EntityTagCondition(fieldValues: ["W/\"abc\""])?.matchesWeakly(current) == true)
        #expect(EntityTagCondition(fieldValues: ["\"x\", W/\"abc\""])?.matchesWeakly(current) == true)
        #expect(EntityTagCondition(fieldValues: ["\"x\"", "\"abc\""])?.matchesWeakly(current) == true)
        #expect(EntityTagCondition(fieldValues: ["\"x\""])?.matchesWeakly(current) == false)
        #expect(EntityTagCondition(fieldValues: ["abc"])?.matchesWeakly(current) == false)
        #expect(EntityTagCondition(fieldValues: ["\"abc\""])?.matchesWeakly("W/\"abc\"") == true)
    }

    @Test func mediaTypes_AcceptOnlyUTF8JSON() {
        #expect(MediaType("application/json")?.isUTF8(oneOf: [MediaType.json]) == true)
        #expect(MediaType("Application/JSON; charset=\"UTF-8\"")?.isUTF8(oneOf: [MediaType.json]) == true)
        #expect(MediaType("application/json; charset=latin1")?.isUTF8(oneOf: [MediaType.json]) == false)
        #expect(MediaType("application/merge-patch+json")?.isUTF8(oneOf: [MediaType.json]) == false)
        #expect(MediaType("text/plain")?.isUTF8(oneOf: [MediaType.json]) == false)
        #expect(MediaType("json") == nil)
        #expect(["text/html, text/csv;q=0.9"].acceptsExplicitly("text/csv"))
        #expect(!["text/csv;q=0"].acceptsExplicitly("text/csv"))
        #expect(!["*/*"].acceptsExplicitly("text/csv"))
    }

    @Test func csvWriter_QuotesPerRFC4180() {
        var writer = CSVWriter()
        writer.appendRow(["plain", "a,b", "say \"hi\"", "two\r\nlines", "عربي"])
        #expect(String(decoding: writer.bytes, as: UTF8.self)
            == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",عربي\r\n")
    }

    @Test func nextPageTarget_KeepsParametersAndEncodesCursor() {
        let request = HTTPRequest(
            method: .get, target: "/v1/articles?q=a%20b&cursor=old&limit=2", path: "/v1/articles",
            query: [("q", "a b"), ("cursor", "old"), ("limit", "2")])
        #expect(request.nextPageTarget(cursor: "x+y/=") == "/v1/articles?q=a%20b&limit=2&cursor=x%2By%2F%3D")
    }
}
