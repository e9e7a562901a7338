/// One search term and where it came from in the original text.
package struct AnalyzedToken: Hashable, Sendable {
    /// The normalised, stemmed term.
    package var term: String
    /// The UTF-8 offset of the token's first byte in the original text.
    package var start: Int
    /// The UTF-8 offset just past the token in the original text.
    package var end: Int
}

/// Turns text into search terms (API.md "Search"): fold each scalar (`ScalarFolding`), split on anything that is
/// not a letter or a digit (so Arabic punctuation `، ؛ ؟` and quotes `“ ” « »` separate words) and where Arabic
/// letters meet Latin letters or digits, then stem lightly (`ArabicStemmer`, `EnglishStemmer`).
package enum TextAnalyzer {
    /// The terms of `text` with their original UTF-8 ranges.
    package static func tokens(_ text: String) -> [AnalyzedToken] {
        var tokens: [AnalyzedToken] = []
        var text = text
        text.withUTF8 { bytes in
            var stream = TokenStream(bytes)
            while stream.next() {
                let term = String(decoding: stream.term, as: UTF8.self)
                tokens.append(AnalyzedToken(term: term, start: stream.start, end: stream.end))
            }
        }
        return tokens
    }

    /// The terms of `text`, in order.
    package static func terms(_ text: String) -> [String] { tokens(text).map(\.term) }
}

/// The analyser's token iterator over UTF-8 bytes: one pass, scalars decoded by hand and folded through tables
/// (ASCII through a byte table of its own), each term handed out as UTF-8 bytes in a reused buffer with the byte
/// range of the original token. No closures, no allocation per token, and no array appends in the loop: their
/// uniqueness checks, once per scalar and per byte, were a sixth of analysing a document.
struct TokenStream: ~Copyable {
    /// The current term's UTF-8 bytes (valid until the next call of `next`).
    var term: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: termBytes.baseAddress, count: termCount) }
    /// The UTF-8 offset of the current token in the original text.
    private(set) var start = 0
    /// The UTF-8 offset just past the current token.
    private(set) var end = 0

    private let bytes: UnsafeBufferPointer<UInt8>
    private let table = ScalarFolding.table
    private let outputs = ScalarFolding.outputs
    private let asciiFolds = ScalarFolding.asciiFolds
    private var index = 0
    /// The folded scalars of the scalar being read: `outputs[cursor..<limit]`, or `rare[…]` for rare scalars.
    private var cursor = 0
    private var limit = 0
    private var rare: [UInt32] = []
    private var fromRare = false
    /// The byte range of the scalar being read.
    private var scalarStart = 0
    private var scalarEnd = 0
    /// The word being collected: `word[..<wordCount]`, with room for one scalar more (the English stemmer's).
    private var word = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 64)
    private var wordCount = 0
    private var wordStart = 0
    private var wordEnd = 0
    private var arabic = false
    private var onlyASCIILetters = true
    private var onlyArabicLetters = true
    private var termBytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)
    private var termCount = 0

    /// A stream over UTF-8 `bytes`, which must stay valid while it is used.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    deinit {
        word.deallocate()
        termBytes.deallocate()
    }

    /// Moves to the next term; `false` at the end of the text.
    mutating func next() -> Bool {
        while true {
            while cursor < limit {
                let value = fromRare ? rare[cursor] : outputs[cursor]
                if value == ScalarFolding.separator {
                    cursor += 1
                    if finishWord() { return true }
                    continue
                }
                let isArabic = ScalarFolding.isArabic(value)
                if wordCount > 0, isArabic != arabic, finishWord() { return true }  // `value` is read again
                cursor += 1
                add(value, isArabic: isArabic, from: scalarStart)
                wordEnd = scalarEnd
            }
            guard index < bytes.count else { return finishWord() }
            // ASCII but the apostrophe folds to one scalar or to a separator, and never begins Arabic: the table
            // and the scalar state are skipped (a Latin letter after Arabic ones goes the long way, to end the word).
            let byte = bytes[index]
            if byte < 0x80, byte != 0x27, wordCount == 0 || !arabic {
                let value = UInt32(asciiFolds[Int(byte)])
                index += 1
                if value == ScalarFolding.separator {
                    if finishWord() { return true }
                    continue
                }
                add(value, isArabic: false, from: index - 1)
                wordEnd = index
                continue
            }
            readScalar()
        }
    }

    /// Appends a folded scalar to the word, starting one at `offset` if none is being collected.
    @inline(__always)
    private mutating func add(_ value: UInt32, isArabic: Bool, from offset: Int) {
        if wordCount == 0 {
            wordStart = offset
            arabic = isArabic
            onlyASCIILetters = true
            onlyArabicLetters = true
        }
        if wordCount + 1 == word.count { Self.grow(&word, keeping: wordCount) }
        word[wordCount] = value
        wordCount += 1
        if !(value >= 0x61 && value <= 0x7A) { onlyASCIILetters = false }
        if !(value >= 0x0621 && value <= 0x064A) { onlyArabicLetters = false }
    }

    /// Decodes the scalar at `index` and points `cursor..<limit` at its folded scalars.
    private mutating func readScalar() {
        let (scalar, width) = decodeScalar()
        scalarStart = index
        scalarEnd = index + width
        index = scalarEnd
        if scalar == 0x27 || scalar == 0x2019 || scalar == 0x02BC {
            readApostrophe()
            return
        }
        if scalar < ScalarFolding.tableLimit {
            let entry = table[Int(scalar)]
            cursor = Int(entry >> 5)
            limit = cursor + Int(entry & 31)
            fromRare = false
        } else {
            rare = ScalarFolding.foldRare(Unicode.Scalar(scalar) ?? "\u{FFFD}")
            cursor = 0
            limit = rare.count
            fromRare = true
        }
        if cursor == limit, wordCount > 0 { wordEnd = scalarEnd }  // an ignorable scalar inside a word
    }

    /// Apostrophes: `Assad's` → `assad`, `Ja'afari` → `jaafari`; anywhere else they separate words.
    private mutating func readApostrophe() {
        cursor = 0
        limit = 0
        fromRare = false
        let next = index
        if wordCount > 0, word[wordCount - 1] >= 0x61, word[wordCount - 1] <= 0x7A, next < bytes.count,
            isASCIILetter(bytes[next])
        {
            let after = next + 1
            if bytes[next] | 0x20 == UInt8(ascii: "s"), after == bytes.count || !isASCIIWordByte(bytes[after]) {
                index = after
                wordEnd = after
            }
            return
        }
        rare = [ScalarFolding.separator]
        limit = 1
        fromRare = true
    }

    /// Stems the collected word into `term`; `false` when there is none.
    private mutating func finishWord() -> Bool {
        guard wordCount > 0 else { return false }
        var range = 0..<wordCount
        if onlyArabicLetters {
            range = ArabicStemmer.stem(UnsafeBufferPointer(rebasing: word[..<wordCount]))
        } else if onlyASCIILetters {
            range = 0..<EnglishStemmer.stem(word, count: wordCount)
        }
        termCount = 0
        while termBytes.count < range.count * 4 { Self.grow(&termBytes, keeping: 0) }
        for offset in range { appendUTF8(word[offset]) }
        wordCount = 0
        start = wordStart
        end = wordEnd
        return true
    }

    /// Doubles `buffer`, keeping its first `count` elements.
    private static func grow<T: BitwiseCopyable>(_ buffer: inout UnsafeMutableBufferPointer<T>, keeping count: Int) {
        let grown = UnsafeMutableBufferPointer<T>.allocate(capacity: buffer.count * 2)
        grown.baseAddress!.initialize(from: buffer.baseAddress!, count: count)
        buffer.deallocate()
        buffer = grown
    }

    /// Decodes the scalar at `index`; invalid UTF-8 (never in a Swift `String`) decodes as U+FFFD.
    @inline(__always)
    private func decodeScalar() -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        let count = bytes.count
        if lead < 0xE0, index + 1 < count {
            return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if lead < 0xF0, index + 2 < count {
            return ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        if index + 3 < count {
            let value =
                (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F)
            return (value, 4)
        }
        return (0xFFFD, count - index)
    }

    /// Appends `value` to the term as UTF-8 (`finishWord` made room for four bytes per scalar).
    @inline(__always)
    private mutating func appendUTF8(_ value: UInt32) {
        switch value {
        case 0..<0x80:
            termBytes[termCount] = UInt8(value)
            termCount += 1
        case 0x80..<0x800:
            termBytes[termCount] = UInt8(0xC0 | value >> 6)
            termBytes[termCount + 1] = UInt8(0x80 | value & 0x3F)
            termCount += 2
        case 0x800..<0x10000:
            termBytes[termCount] = UInt8(0xE0 | value >> 12)
            termBytes[termCount + 1] = UInt8(0x80 | (value >> 6) & 0x3F)
            termBytes[termCount + 2] = UInt8(0x80 | value & 0x3F)
            termCount += 3
        default:
            termBytes[termCount] = UInt8(0xF0 | value >> 18)
            termBytes[termCount + 1] = UInt8(0x80 | (value >> 12) & 0x3F)
            termBytes[termCount + 2] = UInt8(0x80 | (value >> 6) & 0x3F)
            termBytes[termCount + 3] = UInt8(0x80 | value & 0x3F)
            termCount += 4
        }
    }

    @inline(__always)
    private func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    @inline(__always)
    private func isASCIIWordByte(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
    }
}
