import Foundation
import PeaceTalksModel

/// A parsed search resolved against one index: term numbers instead of texts.
struct ResolvedSearch {
    /// The distinct positive terms (plain and phrase terms), as in `ParsedSearch.positiveTerms`.
    var texts: [String]
    /// Their term numbers; `nil` when one of them is not in the index (nothing can match).
    var terms: [Int32]?
    /// Each phrase as indexes into `terms`.
    var phrases: [[Int]]
    /// Excluded terms that the index knows.
    var excluded: [Int32]
    /// Excluded phrases whose terms the index all knows.
    var excludedPhrases: [[Int32]]
}

/// One ranked hit: a live document number and its BM25F score.
struct ScoredDocument {
    var document: Int32
    var score: Double
}

extension SearchIndex {
    private static let k1 = 1.2
    private static let b = 0.75

    /// `parsed` in this index's term numbers.
    func resolve(_ parsed: ParsedSearch) -> ResolvedSearch {
        let texts = parsed.positiveTerms
        let numbers = texts.map { dictionary.find($0) }
        let terms = numbers.contains(nil) ? nil : numbers.map { $0! }
        let phrases = parsed.phrases.map { phrase in phrase.map { texts.firstIndex(of: $0)! } }
        let excluded = parsed.excluded.compactMap { dictionary.find($0) }
        let excludedPhrases = parsed.excludedPhrases.compactMap { phrase -> [Int32]? in
            let numbers = phrase.map { dictionary.find($0) }
            return numbers.contains(nil) ? nil : numbers.map { $0! }
        }
        return ResolvedSearch(
            texts: texts, terms: terms, phrases: phrases, excluded: excluded, excludedPhrases: excludedPhrases)
    }

    /// The document numbers of `ids` that are indexed.
    func documentSet(_ ids: Set<ResourceID>) -> Bitset {
        var set = Bitset(capacity: documents.count)
        for id in ids { if let number = numbers[id] { set.insert(number) } }
        return set
    }

    /// Calls `body` with each live document (in `allowed`, when given) that contains every term, every phrase and
    /// no excluded term or phrase, in document order, with the index of its posting in each term's list.
    func forEachMatch(_ search: ResolvedSearch, allowed: Bitset?, _ body: (Int32, [Int]) -> Void) {
        guard let terms = search.terms, !terms.isEmpty else { return }
        let lists = terms.map { postings[Int($0)] }
        let order = lists.indices.sorted { lists[$0].documents.count < lists[$1].documents.count }
        let lead = order[0]
        let others = Array(order.dropFirst())
        let excluded = search.excluded.map { postings[Int($0)] }
        var excludedCursors = [Int](repeating: 0, count: excluded.count)
        var cursors = [Int](repeating: 0, count: lists.count)
        var scratch = PhraseScratch()
        lists[lead].documents.withUnsafeBufferPointer { leadDocuments in
            candidates: for index in leadDocuments.indices {
                let document = leadDocuments[index]
                guard live.contains(document), allowed?.contains(document) ?? true else { continue }
                cursors[lead] = index
                for other in others {
                    let cursor = lists[other].documents.lowerBound(of: document, from: cursors[other])
                    cursors[other] = cursor
                    guard cursor < lists[other].documents.count else { return }
                    guard lists[other].documents[cursor] == document else { continue candidates }
                }
                for (number, list) in excluded.enumerated() {
                    let cursor = list.documents.lowerBound(of: document, from: excludedCursors[number])
                    excludedCursors[number] = cursor
                    if cursor < list.documents.count, list.documents[cursor] == document { continue candidates }
                }
                for phrase in search.phrases where phrase.count > 1 {
                    let postings = phrase.map { (lists[$0], cursors[$0]) }
                    guard scratch.matches(postings) else { continue candidates }
                }
                for phrase in search.excludedPhrases {
                    var found: [(PostingList, Int)] = []
                    for term in phrase {
                        let list = postings[Int(term)]
                        guard let cursor = list.documents.binarySearch(document) else { break }
                        found.append((list, cursor))
                    }
                    if found.count == phrase.count, scratch.matches(found) { continue candidates }
                }
                body(document, cursors)
            }
        }
    }

    /// A BM25F scorer for `search`'s terms under `statistics` (k1 = 1.2, b = 0.75).
    func scorer(for search: ResolvedSearch, statistics: SearchStatistics) -> BM25FScorer {
        let count = Double(max(statistics.documentCount, 1))
        let idf = search.texts.map { text -> Double in
            let frequency = Double(statistics.documentFrequency[text] ?? 0)
            return log(1 + (count - frequency + 0.5) / (frequency + 0.5))
        }
        let averages = weights.indices.map { field -> Double in
            let total = field < statistics.fieldLengths.count ? statistics.fieldLengths[field] : 0
            return max(total / count, 1)
        }
        return BM25FScorer(
            idf: idf, weights: weights, averageLengths: averages,
            lists: (search.terms ?? []).map { postings[Int($0)] }, lengths: lengths)
    }

    /// The top `limit` matches (best first: score descending, then id) among those `isAfter` accepts, and the
    /// number of all matches.
    func ranked(
        _ search: ResolvedSearch, statistics: SearchStatistics, allowed: Bitset?, limit: Int,
        isAfter: ((Double, ResourceID) -> Bool)?
    ) -> (hits: [ScoredDocument], total: Int) {
        let scorer = scorer(for: search, statistics: statistics)
        var total = 0
        var heap = TopHits(limit: limit, documents: documents)
        forEachMatch(search, allowed: allowed) { document, cursors in
            total += 1
            let score = scorer.score(document, cursors: cursors)
            if let isAfter, !isAfter(score, documents[Int(document)]) { return }
            heap.insert(ScoredDocument(document: document, score: score))
        }
        return (heap.sorted(), total)
    }

    /// The ids of every match.
    func matchingIDs(_ search: ResolvedSearch, allowed: Bitset?) -> Set<ResourceID> {
        var ids: Set<ResourceID> = []
        forEachMatch(search, allowed: allowed) { document, _ in ids.insert(documents[Int(document)]) }
        return ids
    }

    /// The score of `id` for `search` (0 when it is not indexed or lacks a term).
    func score(_ id: ResourceID, search: ResolvedSearch, statistics: SearchStatistics) -> Double {
        guard let document = numbers[id], let terms = search.terms else { return 0 }
        var cursors: [Int] = []
        for term in terms {
            guard let cursor = postings[Int(term)].documents.binarySearch(document) else { return 0 }
            cursors.append(cursor)
        }
        return scorer(for: search, statistics: statistics).score(document, cursors: cursors)
    }

    /// A bit per field (field 0 = bit 0) in which `id` contains a positive term of `search`: snippets read only
    /// those fields.
    func matchedFields(_ id: ResourceID, search: ResolvedSearch) -> UInt32 {
        guard let document = numbers[id] else { return 0 }
        var mask: UInt32 = 0
        for term in search.terms ?? [] {
            let list = postings[Int(term)]
            guard let cursor = list.documents.binarySearch(document) else { continue }
            let packed = list.frequencies[cursor]
            for field in weights.indices where (packed >> UInt32(field * 8)) & 0xFF != 0 { mask |= 1 << UInt32(field) }
        }
        return mask
    }

    /// The resource id of a document number.
    func id(of document: Int32) -> ResourceID { documents[Int(document)] }
}

/// BM25F: per term, the field frequencies are weighted and length-normalised per field, summed, and saturated once:
/// `idf · tf~ · (k1 + 1) / (tf~ + k1)` with `tf~ = Σ w_f · tf_f / (1 − b + b · len_f / avglen_f)`.
struct BM25FScorer {
    let idf: [Double]
    let weights: [Double]
    let averageLengths: [Double]
    let lists: [PostingList]
    let lengths: [UInt32]
    private let k1 = 1.2
    private let b = 0.75

    init(idf: [Double], weights: [Double], averageLengths: [Double], lists: [PostingList], lengths: [UInt32]) {
        self.idf = idf
        self.weights = weights
        self.averageLengths = averageLengths
        self.lists = lists
        self.lengths = lengths
    }

    /// The score of `document`, whose postings are at `cursors` in `lists`.
    func score(_ document: Int32, cursors: [Int]) -> Double {
        let base = Int(document) * weights.count
        var score = 0.0
        for term in lists.indices {
            let packed = lists[term].frequencies[cursors[term]]
            var weighted = 0.0
            for field in weights.indices {
                let frequency = (packed >> UInt32(field * 8)) & 0xFF
                guard frequency != 0 else { continue }
                let normalised = 1 - b + b * Double(lengths[base + field]) / averageLengths[field]
                weighted += weights[field] * Double(frequency) / normalised
            }
            score += idf[term] * weighted * (k1 + 1) / (weighted + k1)
        }
        return score
    }
}

/// Phrase checks on positions: reused buffers.
private struct PhraseScratch {
    var positions: [[UInt32]] = []

    /// Whether the postings (one per phrase word, in order) hold the words at consecutive positions.
    mutating func matches(_ postings: [(PostingList, Int)]) -> Bool {
        while positions.count < postings.count { positions.append([]) }
        for (number, (list, index)) in postings.enumerated() { list.positions(at: index, into: &positions[number]) }
        return positions[0].contains { start in
            (1..<postings.count).allSatisfy { offset in
                positions[offset].binarySearchUInt32(start + UInt32(offset))
            }
        }
    }
}

extension Array where Element == UInt32 {
    fileprivate func binarySearchUInt32(_ value: UInt32) -> Bool {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) >> 1
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low] == value
    }
}

/// The best `limit` hits seen so far: a binary heap whose root is the worst kept hit.
private struct TopHits {
    let limit: Int
    let documents: [ResourceID]
    var heap: [ScoredDocument] = []

    init(limit: Int, documents: [ResourceID]) {
        self.limit = limit
        self.documents = documents
        heap.reserveCapacity(limit)
    }

    /// Whether `lhs` ranks before `rhs`: higher score, then smaller id.
    func precedes(_ lhs: ScoredDocument, _ rhs: ScoredDocument) -> Bool {
        lhs.score != rhs.score ? lhs.score > rhs.score : documents[Int(lhs.document)] < documents[Int(rhs.document)]
    }

    mutating func insert(_ hit: ScoredDocument) {
        guard limit > 0 else { return }
        if heap.count < limit {
            heap.append(hit)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard precedes(heap[parent], heap[child]) else { break }
                heap.swapAt(parent, child)
                child = parent
            }
        } else if precedes(hit, heap[0]) {
            heap[0] = hit
            var parent = 0
            while true {
                var worst = parent
                let left = 2 * parent + 1
                if left < heap.count, precedes(heap[worst], heap[left]) { worst = left }
                if left + 1 < heap.count, precedes(heap[worst], heap[left + 1]) { worst = left + 1 }
                guard worst != parent else { break }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
    }

    func sorted() -> [ScoredDocument] { heap.sorted(by: precedes) }
}
