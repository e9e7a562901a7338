import PeaceTalksModel
import Testing

@testable import PeaceTalksStore

@Suite struct SortedIndexTests {
    private func position(_ number: Int, keyed: Bool) -> SortPosition {
        SortPosition(value: keyed ? .integer(Int64(number % 7)) : nil, id: ResourceID("r\(number)")!)
    }

    private func walked(_ index: SortedIndex) -> [SortPosition] {
        var positions: [SortPosition] = []
        index.walk(descending: false, after: nil) { position in
            positions.append(position)
            return true
        }
        return positions
    }

    @Test func bulkAppends_WithRemovesBetween_EndInTheSameOrderAsInserts() {
        var bulk = SortedIndex()
        var oneByOne = SortedIndex()
        var rng = SystemRandomNumberGenerator()
        var present: [SortPosition] = []
        for round in 0..<6 {
            for number in (round * 50)..<(round * 50 + 50) {
                let added = position(number, keyed: number % 5 != 0)
                bulk.append(added)
                oneByOne.insert(added)
                present.append(added)
                // Remove both from the ordered prefix and from what was appended since the last sort.
                if number % 3 == 0, let victim = present.randomElement(using: &rng) {
                    bulk.remove(victim)
                    oneByOne.remove(victim)
                    present.removeAll { $0 == victim }
                }
            }
            bulk.restoreOrder()
            #expect(walked(bulk) == walked(oneByOne))
            #expect(bulk.count == present.count)
        }
    }
}
