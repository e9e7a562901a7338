import Testing

@testable import PeaceTalksStore

@Suite struct PostingListTests {
    /// Sorted positions for posting `number`: counts from 1 to 40 and offsets needing one to three varint bytes.
    private func positions(_ number: Int) -> [UInt32] {
        let count = 1 + number % 40
        let field = UInt32(number % 3) << PostingList.fieldShift
        return (0..<count).map { field | UInt32($0 * (1 + number % 900)) }
    }

    private func list(count: Int) -> PostingList {
        var list = PostingList()
        for number in 0..<count { list.append(document: Int32(number * 2), positions: positions(number)[...]) }
        return list
    }

    private func allPositions(_ list: PostingList) -> [[UInt32]] {
        var result: [[UInt32]] = []
        var scratch: [UInt32] = []
        for index in list.documents.indices {
            list.positions(at: index, into: &scratch)
            result.append(scratch)
        }
        return result
    }

    @Test(arguments: [0, 1, 31, 32, 33, 255, 256, 257, 1000])
    func positions_ReadBack_AcrossBlocksAndChunks(count: Int) {
        let list = list(count: count)
        #expect(allPositions(list) == (0..<count).map(positions))
        var visited: [Int] = []
        list.forEachPosting { index, bytes in
            visited.append(index)
            #expect(PostingList.skipPosting(bytes, at: 0) == bytes.count, "one whole posting")
        }
        #expect(visited == Array(0..<count))
        #expect(list.liveCount == Int32(count))
    }

    /// The serialized layout is one array of positions with absolute block offsets, as before chunks existed.
    @Test(arguments: [0, 5, 32, 256, 600])
    func flattened_IsTheContiguousLayout_AndReadsBack(count: Int) throws {
        let original = list(count: count)
        let (flat, offsets) = original.flattened
        var expectedFlat: [UInt8] = []
        var expectedOffsets: [UInt32] = []
        original.forEachPosting { index, bytes in
            if index > 0, index % PostingList.blockSize == 0 { expectedOffsets.append(UInt32(expectedFlat.count)) }
            expectedFlat += bytes
        }
        #expect(flat == expectedFlat)
        #expect(offsets == expectedOffsets)
        var restored = try #require(
            PostingList(
                documents: original.documents, frequencies: original.frequencies, positions: flat,
                blockOffsets: offsets, liveCount: original.liveCount))
        #expect(allPositions(restored) == allPositions(original))
        // Appending to a restored list continues its last chunk and opens new ones.
        var grown = original
        for number in count..<(count + 300) {
            restored.append(document: Int32(number * 2), positions: positions(number)[...])
            grown.append(document: Int32(number * 2), positions: positions(number)[...])
        }
        #expect(allPositions(restored) == (0..<(count + 300)).map(positions))
        #expect(restored.flattened == grown.flattened)
    }

    @Test func arraysThatDoNotFit_AreRefused() {
        let original = list(count: 300)
        let (flat, offsets) = original.flattened
        func make(frequencies: [UInt32]? = nil, positions: [UInt8]? = nil, blockOffsets: [UInt32]? = nil) -> Bool {
            PostingList(
                documents: original.documents, frequencies: frequencies ?? original.frequencies,
                positions: positions ?? flat, blockOffsets: blockOffsets ?? offsets, liveCount: 300) != nil
        }
        #expect(make())
        #expect(!make(frequencies: original.frequencies.dropLast()))
        #expect(!make(blockOffsets: offsets.dropLast()), "a block offset missing")
        #expect(!make(blockOffsets: offsets.reversed()), "block offsets out of order")
        #expect(!make(positions: Array(flat.prefix(Int(offsets.last!) - 1))), "an offset past the positions")
    }

    /// A copy shares the chunks until one side appends: the other must not see the change.
    @Test func copies_AreIndependent() {
        let original = list(count: 256)
        var copy = original
        copy.append(document: 9_999, positions: [1, 2, 3])
        #expect(original.documents.count == 256)
        #expect(allPositions(original) == (0..<256).map(positions))
        #expect(allPositions(copy) == (0..<256).map(positions) + [[1, 2, 3]])
    }
}
