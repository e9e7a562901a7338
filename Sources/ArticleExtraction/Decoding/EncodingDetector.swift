/// Guesses the encoding of a page that declares none (the last step of WHATWG's order, which leaves the method
/// to the implementation): valid UTF-8 is UTF-8; bytes that read mostly as Arabic letters are windows-1256 or
/// ISO-8859-6, whichever reads more of them as Arabic; anything else is windows-1252.
enum EncodingDetector {
    /// A guess and whether it is sure enough to overrule a declared encoding.
    struct Guess: Equatable {
        var encoding: TextEncoding
        var isConfident: Bool
    }

    /// The guess for `bytes`.
    static func guess(_ bytes: ArraySlice<UInt8>) -> Guess {
        let utf8 = UTF8Validation.statistics(bytes)
        if utf8.errors == 0 {
            // Two or more well-formed multi-byte sequences and no error almost never happen by chance.
            return Guess(encoding: .utf8, isConfident: utf8.multiByteSequences >= 2)
        }
        let highBytes = bytes.lazy.filter { $0 >= 0x80 }.count
        let candidates: [(TextEncoding, [UInt16])] = [
            (.windows1256, SingleByteTables.windows1256), (.iso88596, SingleByteTables.iso88596),
        ]
        let scored = candidates.map { encoding, table in (encoding, arabicScore(bytes, table: table)) }
        let best = scored.max { $0.1 < $1.1 }!
        // Arabic-heavy: a few words' worth, and at least 60 % of the high bytes (less the penalties).
        guard best.1 >= 8, Double(best.1) >= 0.6 * Double(highBytes) else {
            return Guess(encoding: .windows1252, isConfident: false)
        }
        return Guess(encoding: best.0, isConfident: highBytes >= 20 && Double(best.1) >= 0.8 * Double(highBytes))
    }

    /// High bytes that decode to Arabic letters, digits or punctuation, less three per byte that decodes to a C1
    /// control or nothing (which real Arabic text in that encoding never contains), and less one per Latin-1
    /// letter or per high byte between two ASCII letters (an accent inside a Latin word, `café`).
    private static func arabicScore(_ bytes: ArraySlice<UInt8>, table: [UInt16]) -> Int {
        var score = 0
        for index in bytes.indices where bytes[index] >= 0x80 {
            if index > bytes.startIndex, index + 1 < bytes.endIndex, bytes[index - 1].isASCIILetter,
                bytes[index + 1].isASCIILetter
            {
                score -= 1
                continue
            }
            switch table[Int(bytes[index]) - 0x80] {
            case 0x0600...0x06FF, 0x00A0, 0x200C...0x200F, 0x2013, 0x2014, 0x2018...0x201E, 0x2026, 0x00AB, 0x00BB:
                score += 1
            case 0x0080...0x009F, 0xFFFD:
                score -= 3
            case 0x00C0...0x00FF:
                score -= 1
            default:
                break
            }
        }
        return score
    }
}
