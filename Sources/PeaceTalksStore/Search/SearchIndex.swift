import PeaceTalksModel

/// Corpus figures BM25 needs, frozen in a cursor so that scores (and so the order) stay the same while paging.
struct SearchStatistics: Hashable, Sendable {
    /// Documents of the kind.
    var documentCount: Int
    /// Per field, the sum of the documents' lengths in tokens.
    var fieldLengths: [Double]
    /// Documents containing each query term.
    var documentFrequency: [String: Int]
}

/// One document's search terms, analysed apart from any index, so that documents can be analysed in parallel
/// and then added one by one (`SearchIndex.add(_:analyzed:)` only looks terms up and appends postings).
package struct AnalyzedDocument: Sendable {
    /// The document's distinct terms, numbered in order of first appearance.
    fileprivate var terms = TermDictionary(capacity: 64)
    /// The positions of term `n`, ascending: `positions[starts[n]..<starts[n + 1]]`.
    fileprivate var positions: [UInt32] = []
    fileprivate var starts: [Int] = []
    /// Tokens per field.
    fileprivate var fieldLengths: [UInt32]

    /// Gap left between two texts of one field, so that a phrase never spans them.
    private static let textGap: UInt32 = 8

    /// Analyses `resource` on its own, without the store; nil for a statement, which is searched by its speaker's
    /// names too and so is analysed as it is applied.
    init?(standalone resource: Resource) {
        guard resource.kind != .statements else { return nil }
        self.init(
            SearchFields.fields(of: resource, speaker: nil), fieldCount: SearchFields.weights(for: resource.kind).count)
    }

    /// Analyses `fields` of a kind with `fieldCount` fields.
    package init(_ fields: [SearchField], fieldCount: Int) {
        fieldLengths = [UInt32](repeating: 0, count: fieldCount)
        var tokenTerms: [Int32] = []
        var tokenPositions: [UInt32] = []
        // Field by field, so that each term's positions come out ascending (a position starts with its field).
        for number in 0..<fieldCount {
            for field in fields where field.field == number {
                let base = UInt32(number) << PostingList.fieldShift
                let limit: UInt32 = (1 << PostingList.fieldShift) - 2
                var offset = fieldLengths[number] == 0 ? 0 : fieldLengths[number] + Self.textGap
                var tokens: UInt32 = 0
                var text = field.text
                text.withUTF8 { bytes in
                    var stream = TokenStream(bytes)
                    while stream.next() {
                        tokenTerms.append(terms.insert(stream.term))
                        tokenPositions.append(base | min(offset, limit))
                        offset += 1
                        tokens += 1
                    }
                }
                fieldLengths[number] += tokens
            }
        }
        // Group the positions by term (a counting sort: stable, so each term's stay ascending).
        starts = [Int](repeating: 0, count: terms.count + 1)
        for term in tokenTerms { starts[Int(term) + 1] += 1 }
        for term in 0..<terms.count { starts[term + 1] += starts[term] }
        var next = starts
        positions = [UInt32](repeating: 0, count: tokenTerms.count)
        for (term, position) in zip(tokenTerms, tokenPositions) {
            positions[next[Int(term)]] = position
            next[Int(term)] += 1
        }
    }
}

/// A per-kind inverted index with positions: term dictionary → postings of dense `Int32` document numbers, with
/// per-field term frequencies, positions and per-field document lengths (for BM25F).
///
/// Writes are append-only: a changed document gets a new number and the old one is marked dead (`live`), and each
/// term's live document count is kept exact. When dead numbers outnumber live ones the index is compacted
/// (renumbered without the dead postings), so memory stays proportional to the live data.
package struct SearchIndex: Sendable {
    /// Field weights by field number (`SearchFields.weights(for:)`).
    let weights: [Double]
    /// Term bytes → term number.
    private(set) var dictionary = TermDictionary()
    /// Postings by term number.
    private(set) var postings: [PostingList] = []
    /// Resource id by document number (stale for dead documents).
    private(set) var documents: [ResourceID] = []
    /// Document number of each live resource.
    private(set) var numbers: [ResourceID: Int32] = [:]
    /// The live document numbers.
    private(set) var live = Bitset()
    /// Token count per document and field: `lengths[document * weights.count + field]`.
    private(set) var lengths: [UInt32] = []
    /// Per field, the sum of the live documents' lengths.
    private(set) var totalLengths: [Int]
    /// Live documents.
    private(set) var liveCount = 0

    /// An empty index for `kind`'s fields.
    package init(kind: ResourceKind) {
        weights = SearchFields.weights(for: kind)
        totalLengths = Array(repeating: 0, count: weights.count)
    }

    /// Indexes `id` with `fields` (which must not be indexed already).
    package mutating func add(_ id: ResourceID, fields: [SearchField]) {
        add(id, analyzed: AnalyzedDocument(fields, fieldCount: weights.count))
    }

    /// Indexes `id` with its analysed fields (`AnalyzedDocument(_:fieldCount:)` with this index's field count).
    package mutating func add(_ id: ResourceID, analyzed: AnalyzedDocument) {
        let document = Int32(documents.count)
        let terms = analyzed.terms
        var numbers = [Int32](repeating: 0, count: terms.count)
        for local in numbers.indices { numbers[local] = terms.withTerm(Int32(local)) { dictionary.insert($0) } }
        if postings.count < dictionary.count {
            postings += [PostingList](repeating: PostingList(), count: dictionary.count - postings.count)
        }
        for local in numbers.indices {
            let range = analyzed.starts[local]..<analyzed.starts[local + 1]
            postings[Int(numbers[local])].append(document: document, positions: analyzed.positions[range])
        }
        documents.append(id)
        self.numbers[id] = document
        live.insert(document)
        lengths += analyzed.fieldLengths
        for (field, length) in analyzed.fieldLengths.enumerated() { totalLengths[field] += Int(length) }
        liveCount += 1
    }

    /// Sets the index's arrays to those of a serialized index and derives the rest (`init?(kind:serialized:)`).
    mutating func restore(
        dictionary: TermDictionary, postings: [PostingList], documents: [ResourceID], lengths: [UInt32],
        live words: [UInt64]
    ) {
        self.dictionary = dictionary
        self.postings = postings
        self.documents = documents
        self.lengths = lengths
        live = Bitset(words: words)
        numbers = Dictionary(minimumCapacity: documents.count)
        for (number, id) in documents.enumerated() where live.contains(Int32(number)) {
            numbers[id] = Int32(number)
            for field in weights.indices { totalLengths[field] += Int(lengths[number * weights.count + field]) }
        }
        liveCount = numbers.count
    }

    /// Removes `id`; `fields` must be what it was indexed with (its terms' document counts are lowered).
    mutating func remove(_ id: ResourceID, fields: [SearchField]) {
        guard let document = numbers.removeValue(forKey: id) else { return }
        var terms: [Int32] = []
        for field in fields {
            var text = field.text
            text.withUTF8 { bytes in
                var stream = TokenStream(bytes)
                while stream.next() { if let number = dictionary.find(stream.term) { terms.append(number) } }
            }
        }
        terms.sort()
        var previous: Int32 = -1
        for term in terms where term != previous {
            previous = term
            if postings[Int(term)].documents.binarySearch(document) != nil { postings[Int(term)].liveCount -= 1 }
        }
        live.remove(document)
        let base = Int(document) * weights.count
        for field in weights.indices { totalLengths[field] -= Int(lengths[base + field]) }
        liveCount -= 1
        if documents.count - liveCount > max(1024, liveCount) { compact() }
    }

    /// Renumbers the live documents densely and drops the dead postings.
    private mutating func compact() {
        var renumbered = [Int32](repeating: -1, count: documents.count)
        var newDocuments: [ResourceID] = []
        var newLengths: [UInt32] = []
        newDocuments.reserveCapacity(liveCount)
        newLengths.reserveCapacity(liveCount * weights.count)
        for document in documents.indices where live.contains(Int32(document)) {
            renumbered[document] = Int32(newDocuments.count)
            newDocuments.append(documents[document])
            newLengths += lengths[(document * weights.count)..<((document + 1) * weights.count)]
        }
        for term in postings.indices {
            let old = postings[term]
            var new = PostingList()
            old.forEachPosting { index, positions in
                let number = renumbered[Int(old.documents[index])]
                if number >= 0 { new.appendPosting(of: old, at: index, positions: positions, as: number) }
            }
            postings[term] = new
        }
        documents = newDocuments
        lengths = newLengths
        live = Bitset(capacity: newDocuments.count)
        numbers.removeAll(keepingCapacity: true)
        for (number, id) in newDocuments.enumerated() {
            live.insert(Int32(number))
            numbers[id] = Int32(number)
        }
    }

    /// The current statistics for `terms`.
    func statistics(for terms: [String]) -> SearchStatistics {
        var frequency: [String: Int] = [:]
        for term in terms { frequency[term] = dictionary.find(term).map { Int(postings[Int($0)].liveCount) } ?? 0 }
        return SearchStatistics(
            documentCount: liveCount, fieldLengths: totalLengths.map(Double.init), documentFrequency: frequency)
    }

    /// Bytes held by the index's own structures (dictionary, postings, per-document arrays); an estimate for
    /// memory reports that leaves out allocator overhead.
    package var byteCount: Int {
        var total = dictionary.byteCount + postings.capacity * MemoryLayout<PostingList>.stride
        for list in postings { total += list.byteCount }
        total += documents.capacity * MemoryLayout<ResourceID>.stride + lengths.capacity * 4 + live.words.count * 8
        total += numbers.capacity * (MemoryLayout<ResourceID>.stride + 4)
        return total
    }
}

extension Array where Element == Int32 {
    /// The index of `value` in this ascending array, if it is there.
    func binarySearch(_ value: Int32) -> Int? {
        let index = lowerBound(of: value, from: 0)
        return index < count && self[index] == value ? index : nil
    }

    /// The first index at or after `start` whose value is not below `value` (galloping, then binary search).
    func lowerBound(of value: Int32, from start: Int) -> Int {
        withUnsafeBufferPointer { $0.lowerBound(of: value, from: start) }
    }
}

extension UnsafeBufferPointer where Element == Int32 {
    /// The first index at or after `start` whose value is not below `value` (galloping, then binary search).
    @inline(__always)
    func lowerBound(of value: Int32, from start: Int) -> Int {
        guard start < count, self[start] < value else { return start }
        var low = start
        var step = 1
        var high = start + 1
        while high < count, self[high] < value {
            low = high
            step &<<= 1
            high = low + step
        }
        if high > count { high = count }
        low += 1
        while low < high {
            let middle = (low + high) >> 1
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
