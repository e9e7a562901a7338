import Foundation
import PeaceTalksModel

/// Corpus figures BM25 needs, frozen in a cursor so that scores (and so the order) stay the same while paging.
struct SearchStatistics: Hashable, Sendable {
    /// Documents of the kind.
    var documentCount: Int
    /// Sum of the weighted document lengths.
    var totalLength: Double
    /// Documents containing each query term.
    var documentFrequency: [String: Int]
}

/// A per-kind inverted index: term → document → weighted term frequency, with weighted document lengths.
/// Positions are not kept: phrases and snippets re-analyse the few documents that need them.
struct SearchIndex: Sendable {
    private(set) var postings: [String: [ResourceID: Float]] = [:]
    private(set) var lengths: [ResourceID: Float] = [:]
    private(set) var totalLength: Double = 0

    private static let k1 = 1.2
    private static let b = 0.75

    /// Adds a document's fields.
    mutating func add(_ id: ResourceID, fields: [SearchField]) {
        let (frequencies, length) = SearchIndex.weightedFrequencies(fields)
        for (term, frequency) in frequencies { postings[term, default: [:]][id] = frequency }
        lengths[id] = length
        totalLength += Double(length)
    }

    /// Removes a document; `fields` must be what was added.
    mutating func remove(_ id: ResourceID, fields: [SearchField]) {
        let (frequencies, _) = SearchIndex.weightedFrequencies(fields)
        for term in frequencies.keys {
            postings[term]?[id] = nil
            if postings[term]?.isEmpty == true { postings[term] = nil }
        }
        if let length = lengths.removeValue(forKey: id) { totalLength -= Double(length) }
        if lengths.isEmpty { totalLength = 0 }
    }

    private static func weightedFrequencies(_ fields: [SearchField]) -> ([String: Float], Float) {
        var frequencies: [String: Float] = [:]
        var length: Float = 0
        for field in fields {
            let terms = TextAnalyzer.terms(field.text)
            length += Float(field.weight) * Float(terms.count)
            for term in terms { frequencies[term, default: 0] += Float(field.weight) }
        }
        return (frequencies, length)
    }

    /// The current statistics for `terms`.
    func statistics(for terms: [String]) -> SearchStatistics {
        var frequency: [String: Int] = [:]
        for term in terms { frequency[term] = postings[term]?.count ?? 0 }
        return SearchStatistics(documentCount: lengths.count, totalLength: totalLength, documentFrequency: frequency)
    }

    /// Documents containing every term of `terms` (all documents when `terms` is empty), minus those containing
    /// any of `excluded`.
    func candidates(containing terms: [String], excluding excluded: [String]) -> Set<ResourceID> {
        var result: Set<ResourceID>
        if terms.isEmpty {
            result = Set(lengths.keys)
        } else {
            let lists = terms.map { postings[$0] ?? [:] }.sorted { $0.count < $1.count }
            result = Set(lists[0].keys)
            for list in lists.dropFirst() {
                result = result.filter { list[$0] != nil }
                if result.isEmpty { break }
            }
        }
        for term in excluded {
            guard let list = postings[term], !result.isEmpty else { continue }
            if list.count < result.count {
                result.subtract(list.keys)
            } else {
                result = result.filter { list[$0] == nil }
            }
        }
        return result
    }

    /// The BM25 score of `id` for `terms` under `statistics`.
    func score(_ id: ResourceID, terms: [String], statistics: SearchStatistics) -> Double {
        guard statistics.documentCount > 0 else { return 0 }
        let averageLength = max(statistics.totalLength / Double(statistics.documentCount), 1)
        let length = Double(lengths[id] ?? 0)
        var score = 0.0
        for term in terms {
            guard let frequency = postings[term]?[id].map(Double.init) else { continue }
            let documentFrequency = Double(statistics.documentFrequency[term] ?? 0)
            let count = Double(statistics.documentCount)
            let idf = log(1 + (count - documentFrequency + 0.5) / (documentFrequency + 0.5))
            score +=
                idf * frequency * (SearchIndex.k1 + 1)
                / (frequency + SearchIndex.k1 * (1 - SearchIndex.b + SearchIndex.b * length / averageLength))
        }
        return score
    }
}

/// Phrase checks over a document's fields (by re-analysing them).
enum PhraseMatcher {
    /// Whether some field contains `phrase` as consecutive terms.
    static func contains(_ phrase: [String], in fields: [[String]]) -> Bool {
        fields.contains { terms in
            guard terms.count >= phrase.count else { return false }
            return (0...(terms.count - phrase.count)).contains { start in
                phrase.indices.allSatisfy { terms[start + $0] == phrase[$0] }
            }
        }
    }
}
