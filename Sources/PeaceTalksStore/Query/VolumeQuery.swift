import Foundation
import PeaceTalksModel

/// The period size of a volume histogram.
package enum VolumeInterval: String, Hashable, Sendable, CaseIterable {
    /// Labelled `2017-01-23`.
    case day
    /// ISO 8601 weeks, labelled `2017-W04`.
    case week
    /// Labelled `2017-01`.
    case month
}

/// `GET /v1/volume`: how many articles (by `published_at`) or statements (by `said_on`) per period.
package struct VolumeQuery: Hashable, Sendable {
    /// The filters, as for a list of `.articles` or `.statements` (sort, limit and cursor are ignored).
    package var filter: ListQuery
    /// The period size.
    package var interval: VolumeInterval

    /// Makes a volume query.
    package init(filter: ListQuery, interval: VolumeInterval) {
        self.filter = filter
        self.interval = interval
    }
}

/// One period of a volume histogram.
package struct VolumeBucket: Hashable, Sendable {
    /// The label: `2017-01-23`, `2017-W04` or `2017-01`.
    package var period: String
    /// How many items fall in it.
    package var count: Int
}

/// One entry of a round's timeline: an article (at `published_at`) or a statement (at `said_on`, midnight UTC).
package struct TimelineItem: Sendable {
    /// The article or statement.
    package var stored: StoredResource
    /// The instant it is placed at; `nil` (undated) entries come last.
    package var at: Date?
}
