import Foundation
import Testing

@testable import PeaceTalksModel

@Suite struct CalendarDateTests {
    @Test func parsesAndFormats() throws {
        let date = try #require(CalendarDate("2017-01-23"))
        #expect(date.description == "2017-01-23")
        #expect(CalendarDate("2016-02-29") != nil)
        for bad in ["2017-02-29", "2017-13-01", "2017-1-23", "17-01-23", "2017-01-23T00:00:00Z", "2017/01/23"] {
            #expect(CalendarDate(bad) == nil, "\(bad)")
        }
    }

    @Test func convertsDaysSinceEpoch_BothWays() throws {
        #expect(CalendarDate("1970-01-01")?.daysSinceEpoch == 0)
        #expect(CalendarDate("2017-01-23")?.daysSinceEpoch == 17_189)
        for days in stride(from: -719_000, through: 2_900_000, by: 997) {
            let date = try #require(CalendarDate(daysSinceEpoch: days))
            #expect(date.daysSinceEpoch == days)
        }
    }

    @Test(arguments: [
        ("2017-01-23", 2017, 4), ("2017-01-01", 2016, 52), ("2015-12-31", 2015, 53), ("2016-01-03", 2015, 53),
        ("2018-12-31", 2019, 1), ("2020-12-31", 2020, 53),
    ])
    func computesISOWeeks(text: String, year: Int, week: Int) throws {
        let isoWeek = try #require(CalendarDate(text)).isoWeek
        #expect(isoWeek.year == year && isoWeek.week == week)
    }

    @Test func timestampsParseOffsetsAndFractions_AndFormatInUTC() throws {
        let time = try #require(Timestamp.parse("2017-01-23T12:00:00+03:00"))
        #expect(Timestamp.format(time) == "2017-01-23T09:00:00Z")
        let fraction = try #require(Timestamp.parse("2017-01-23T09:00:00.123456Z"))
        #expect(Timestamp.format(fraction) == "2017-01-23T09:00:00Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        for bad in [
            "2017-01-23", "2017-01-23T09:00:00", "2017-01-23T25:00:00Z", "2017-01-23T09:00:00+0300",
            "2017-02-30T09:00:00Z", "2017-01-23T09:00:00.Z",
        ] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }
}
