/// One search term and where it came from in the original text.
struct AnalyzedToken: Hashable, Sendable {
    /// The normalised, stemmed term.
    var term: String
    /// The UTF-8 offset of the token's first byte in the original text.
    var start: Int
    /// The UTF-8 offset just past the token in the original text.
    var end: Int
}

/// Turns text into search terms (API.md "Search"): fold each scalar (`ScalarFolding`), split on anything that is
/// not a letter or a digit (so Arabic punctuation `، ؛ ؟` and quotes `“ ” « »` separate words) and where Arabic
/// letters meet Latin letters or digits, then stem lightly (`ArabicStemmer`, `EnglishStemmer`).
///
/// It walks the UTF-8 bytes once, decoding scalars by hand and folding them through tables; terms are handed out
/// as UTF-8 bytes in a reused buffer, with the byte range of the original token.
enum TextAnalyzer {
    /// Calls `body` with each term's UTF-8 bytes and its original byte range; `body` returns `false` to stop.
    static func analyze(_ text: String, _ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> Bool) {
        var text = text
        text.withUTF8 { bytes in analyze(bytes, body) }
    }

    /// The terms of `text` with their original UTF-8 ranges.
    static func tokens(_ text: String) -> [AnalyzedToken] {
        var tokens: [AnalyzedToken] = []
        analyze(text) { term, start, end in
            tokens.append(AnalyzedToken(term: String(decoding: term, as: UTF8.self), start: start, end: end))
            return true
        }
        return tokens
    }

    /// The terms of `text`, in order.
    static func terms(_ text: String) -> [String] { tokens(text).map(\.term) }

    /// The analysis of UTF-8 `bytes` (see `analyze(_:_:)`).
    static func analyze(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> Bool)
    {
        var word = WordBuffer()
        let table = ScalarFolding.table
        let outputs = ScalarFolding.outputs
        table.withUnsafeBufferPointer { table in
            outputs.withUnsafeBufferPointer { outputs in
                var index = 0
                let count = bytes.count
                while index < count {
                    let (scalar, width) = decodeScalar(bytes, at: index)
                    let next = index + width
                    if scalar == 0x27 || scalar == 0x2019 || scalar == 0x02BC {
                        // Apostrophes: `Assad's` → `assad`, `Ja'afari` → `jaafari`; elsewhere they separate.
                        if word.endsWithLatinLetter, next < count, isASCIILetter(bytes[next]) {
                            let after = next + 1
                            if bytes[next] | 0x20 == UInt8(ascii: "s"), after == count || !isASCIIWordByte(bytes[after]) {
                                index = next + 1
                                word.end = index
                            } else {
                                index = next
                            }
                            continue
                        }
                        if !word.flush(body) { return }
                        index = next
                        continue
                    }
                    if scalar < ScalarFolding.tableLimit {
                        let entry = table[Int(scalar)]
                        let offset = Int(entry >> 5)
                        for output in outputs[offset..<offset + Int(entry & 31)] {
                            if !word.add(output, start: index, end: next, body) { return }
                        }
                        if entry & 31 == 0, !word.isEmpty { word.end = next }
                    } else {
                        let folded = ScalarFolding.foldRare(Unicode.Scalar(scalar)!)
                        for output in folded where !word.add(output, start: index, end: next, body) { return }
                        if folded.isEmpty, !word.isEmpty { word.end = next }
                    }
                    index = next
                }
                _ = word.flush(body)
            }
        }
    }

    /// Decodes the scalar at `index`; invalid UTF-8 (never in a Swift `String`) decodes as U+FFFD.
    @inline(__always)
    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
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

    @inline(__always)
    private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    @inline(__always)
    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
    }
}

/// The word being collected: folded scalars, its script, its original byte range; `flush` stems it and hands out
/// its UTF-8 bytes.
private struct WordBuffer {
    var scalars: [UInt32] = []
    var bytes: [UInt8] = []
    var start = 0
    var end = 0
    var arabic = false
    var onlyASCIILetters = true
    var onlyArabicLetters = true

    init() {
        scalars.reserveCapacity(64)
        bytes.reserveCapacity(128)
    }

    var isEmpty: Bool { scalars.isEmpty }

    var endsWithLatinLetter: Bool {
        guard let last = scalars.last else { return false }
        return last >= 0x61 && last <= 0x7A
    }

    /// Adds one folded scalar of the original scalar at `start..<end`; a separator or a change of script ends the
    /// word first. Returns `false` when `body` asked to stop.
    @inline(__always)
    mutating func add(
        _ value: UInt32, start: Int, end: Int, _ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> Bool
    ) -> Bool {
        if value == ScalarFolding.separator { return flush(body) }
        let isArabic = ScalarFolding.isArabic(value)
        if !scalars.isEmpty, isArabic != arabic, !flush(body) { return false }
        if scalars.isEmpty {
            self.start = start
            arabic = isArabic
            onlyASCIILetters = true
            onlyArabicLetters = true
        }
        scalars.append(value)
        if !(value >= 0x61 && value <= 0x7A) { onlyASCIILetters = false }
        if !(value >= 0x0621 && value <= 0x064A) { onlyArabicLetters = false }
        self.end = end
        return true
    }

    /// Stems the word and hands it to `body`; returns `false` when `body` asked to stop.
    mutating func flush(_ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> Bool) -> Bool {
        guard !scalars.isEmpty else { return true }
        var range = 0..<scalars.count
        if onlyArabicLetters {
            range = ArabicStemmer.stem(scalars)
        } else if onlyASCIILetters {
            range = 0..<EnglishStemmer.stem(&scalars)
        }
        bytes.removeAll(keepingCapacity: true)
        for value in scalars[range] { appendUTF8(value) }
        scalars.removeAll(keepingCapacity: true)
        return bytes.withUnsafeBufferPointer { body($0, start, end) }
    }

    private mutating func appendUTF8(_ value: UInt32) {
        switch value {
        case 0..<0x80:
            bytes.append(UInt8(value))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | (value >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | (value >> 12) & 0x3F))
            bytes.append(UInt8(0x80 | (value >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
