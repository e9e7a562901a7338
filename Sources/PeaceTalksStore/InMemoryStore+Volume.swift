import Foundation
import PeaceTalksModel

extension InMemoryStore {
    /// The most periods a volume answer may hold.
    package static let maxVolumePeriods = 10_000

    /// Counts matching articles (by `published_at`) or statements (by `said_on`) per period, from `from`
    /// (else the earliest match) to `to` (else the latest), every period in between listed, empty ones with 0.
    package func volume(_ query: VolumeQuery) throws(StoreError) -> [VolumeBucket] {
        let kind = query.filter.kind
        guard kind == .articles || kind == .statements else {
            throw .invalidQuery("volume counts articles or statements")
        }
        return try read { (state: borrowing StoreState) throws(StoreError) -> [VolumeBucket] in
            let index = state[kind]
            let matches = try state.matches(for: query.filter, statistics: nil)
            var counts: [Int: Int] = [:]  // period start day → count
            func count(_ date: CalendarDate) {
                counts[InMemoryStore.periodStart(date, query.interval), default: 0] += 1
            }
            for id in matches.ids ?? Set(index.resources.keys) {
                switch index.resources[id]?.resource {
                case .article(let article)?:
                    if let day = article.publishedAt.flatMap(Timestamp.calendarDate) { count(day) }
                case .statement(let statement)?: if let day = statement.saidOn { count(day) }
                default: break
                }
            }
            let lower = query.filter.from.map(InMemoryStore.day) ?? counts.keys.min()
            let upper = query.filter.to.map(InMemoryStore.day) ?? counts.keys.max()
            guard let lower, let upper, lower <= upper else { return [] }
            var buckets: [VolumeBucket] = []
            var start = InMemoryStore.periodStart(CalendarDate(daysSinceEpoch: lower)!, query.interval)
            let end = InMemoryStore.periodStart(CalendarDate(daysSinceEpoch: upper)!, query.interval)
            while start <= end {
                guard buckets.count < InMemoryStore.maxVolumePeriods, let date = CalendarDate(daysSinceEpoch: start)
                else { throw .invalidQuery("the range spans more than \(InMemoryStore.maxVolumePeriods) periods") }
                buckets.append(
                    VolumeBucket(period: InMemoryStore.label(date, query.interval), count: counts[start] ?? 0))
                start = InMemoryStore.nextPeriodStart(date, query.interval)
            }
            return buckets
        }
    }

    private static func day(_ bound: RangeBound) -> Int {
        switch bound {
        case .date(let date): date.daysSinceEpoch
        case .time(let time): Int((time.timeIntervalSince1970 / 86_400).rounded(.down))
        }
    }

    /// The day number of the first day of the period containing `date`.
    private static func periodStart(_ date: CalendarDate, _ interval: VolumeInterval) -> Int {
        switch interval {
        case .day: date.daysSinceEpoch
        case .week: date.daysSinceEpoch - (date.isoWeekday - 1)
        case .month: CalendarDate(year: date.year, month: date.month, day: 1)!.daysSinceEpoch
        }
    }

    private static func nextPeriodStart(_ start: CalendarDate, _ interval: VolumeInterval) -> Int {
        switch interval {
        case .day: start.daysSinceEpoch + 1
        case .week: start.daysSinceEpoch + 7
        case .month: start.daysSinceEpoch + CalendarDate.daysIn(month: start.month, year: start.year)
        }
    }

    /// `2017-01-23`, `2017-W04` or `2017-01`.
    private static func label(_ start: CalendarDate, _ interval: VolumeInterval) -> String {
        switch interval {
        case .day: start.description
        case .week: start.isoWeekLabel
        case .month: start.monthLabel
        }
    }
}
