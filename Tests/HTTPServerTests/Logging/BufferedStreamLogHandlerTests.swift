import Foundation
import HTTPServer
import Logging
import Testing

struct BufferedStreamLogHandlerTests {
    @Test func line_HasTimestampLevelLabelMessageAndSortedMetadata() {
        let line = BufferedStreamLogHandler.formatLine(
            level: .info, label: "http", message: "request",
            metadata: ["path": "/a b", "method": "GET", "empty": "", "quote": "say \"hi\""],
            time: timespec(tv_sec: 784_111_777, tv_nsec: 42_000_000)
        )
        #expect(String(decoding: line, as: UTF8.self)
            == "1994-11-06T08:49:37.042Z info http: request empty=\"\" method=GET path=\"/a b\" "
            + "quote=\"say \\\"hi\\\"\"\n")
    }

    @Test func line_WritesOtherMetadataValues_ByTheirDescription() {
        let line = BufferedStreamLogHandler.formatLine(
            level: .warning, label: "app", message: "m",
            metadata: ["count": .stringConvertible(-42), "list": ["a", "b"]],
            time: timespec(tv_sec: 0, tv_nsec: 999_999_999)
        )
        #expect(String(decoding: line, as: UTF8.self)
            == "1970-01-01T00:00:00.999Z warning app: m count=-42 list=\"[\\\"a\\\", \\\"b\\\"]\"\n")
    }

    @Test func line_FitsValuesWhoseEveryByteIsEscaped() {
        let value = String(repeating: "\"\\\n", count: 40)
        let line = BufferedStreamLogHandler.formatLine(
            level: .info, label: "", message: "", metadata: ["a": .string(value), "b": ""],
            time: timespec(tv_sec: 0, tv_nsec: 0)
        )
        let escaped = String(repeating: #"\"\\\n"#, count: 40)
        #expect(String(decoding: line, as: UTF8.self) == "1970-01-01T00:00:00.000Z info :  a=\"\(escaped)\" b=\"\"\n")
    }

    @Test func timestamp_MatchesGmtime_AcrossLeapYearsAndCenturies() {
        // 1970 to 2400 in steps of 12 days, 13 hours and 7 seconds, plus the edges of 2000-02-29 (a leap day)
        // and of 2100-02-28 (2100 has none).
        let edges = [951_782_399, 951_868_800, 4_107_542_399, 4_107_542_400]
        for second in Array(stride(from: 0, to: 13_569_465_600, by: 1_083_607)) + edges {
            var time = second
            var parts = tm()
            gmtime_r(&time, &parts)
            let expected = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.123Z", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                parts.tm_hour, parts.tm_min, parts.tm_sec
            )
            let line = BufferedStreamLogHandler.formatLine(
                level: .info, label: "t", message: "", metadata: [:],
                time: timespec(tv_sec: second, tv_nsec: 123_456_789)
            )
            #expect(String(decoding: line.prefix(24), as: UTF8.self) == expected)
        }
    }

    @Test func eventMetadata_OverridesTheHandlers() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let output = LogOutputBuffer(fd: fds[1], flushInterval: .seconds(60))
        var logger = Logger(label: "app") { BufferedStreamLogHandler(label: $0, output: output) }
        logger[metadataKey: "k"] = "handler"
        logger[metadataKey: "h"] = "kept"
        logger.info("one", metadata: ["k": "event", "e": "1"])
        logger.info("two")
        output.close()
        close(fds[1])
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = read(fds[0], &chunk, chunk.count)
        let lines = String(decoding: chunk[..<max(count, 0)], as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasSuffix(" info app: one e=1 h=kept k=event") == true)
        #expect(lines.last?.hasSuffix(" info app: two h=kept k=handler") == true)
    }

    @Test func output_IsBuffered_UntilFlushed() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let output = LogOutputBuffer(fd: fds[1], flushInterval: .seconds(60))
        var logger = Logger(label: "app") { BufferedStreamLogHandler(label: $0, output: output) }
        logger.logLevel = .debug
        logger.info("one", metadata: ["k": "v"])
        logger.debug("two")
        var readable = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
        #expect(poll(&readable, 1, 50) == 0)
        output.close()
        close(fds[1])
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while case let count = read(fds[0], &chunk, chunk.count), count > 0 { bytes += chunk[..<count] }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasSuffix(" info app: one k=v") == true)
        #expect(lines.last?.hasSuffix(" debug app: two") == true)
    }

    @Test func output_FlushesByItself_FromTheBackgroundThread() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        let output = LogOutputBuffer(fd: fds[1], flushInterval: .milliseconds(20))
        defer { output.close() }
        output.append(Array("line\n".utf8))
        var readable = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
        #expect(poll(&readable, 1, 2000) == 1)
    }
}
