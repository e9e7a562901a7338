import Foundation
import PeaceTalksModel

/// Proposes who said what in an article: per sentence, each speech verb (`SpeechLexicon`) is tied to a known
/// participant named next to it — after the verb and before the words in Arabic (`قال لافروف إن …`), before the
/// verb in English (`Lavrov said …`), a person preferred over a state or organisation — or, for a verb without a
/// subject of its own (`وأضاف أن …`, `…، مشيرا إلى أن …`, `he told …`), to the previous speaker. The words are the
/// quotation next to the verb (`direct`), else the passage from the complementizer (`أن`, `إن`; English after
/// `that`) to the next speech verb or the end of the sentence (`reported`).
struct StatementCandidateFinder {
    /// A word or a punctuation mark, with its UTF-8 range in the text.
    private struct Lexeme {
        var text: Substring
        var start: Int
        var end: Int
        var isWord: Bool
        var normalized: String
    }

    private static let openingQuotes: Set<Character> = ["“", "«", "„"]
    private static let closingQuotes: Set<Character> = ["”", "»"]
    private static let sentenceEnds: Set<Character> = [".", "!", "?", "؟"]

    private let text: String
    private let lexemes: [Lexeme]
    /// For each lexeme, the mention it belongs to.
    private let mentionAt: [ParticipantMention?]

    /// A finder over `text` and the participant `mentions` in it.
    init(text: String, mentions: [ParticipantMention]) {
        self.text = text
        var lexemes: [Lexeme] = []
        var offset = 0
        var wordStart: String.Index?
        var wordOffset = 0
        func finishWord(at end: String.Index) {
            guard let start = wordStart else { return }
            let word = text[start..<end]
            lexemes.append(Lexeme(text: word, start: wordOffset, end: offset, isWord: true,
                                  normalized: SpeechLexicon.normalized(word)))
            wordStart = nil
        }
        for index in text.indices {
            let character = text[index]
            if character.isLetter || character.isNumber || character.unicodeScalars.allSatisfy({
                $0.properties.generalCategory == .nonspacingMark
            }) {
                if wordStart == nil {
                    wordStart = index
                    wordOffset = offset
                }
            } else {
                finishWord(at: index)
                if !character.isWhitespace {
                    let end = offset + character.utf8.count
                    lexemes.append(Lexeme(text: text[index...index], start: offset, end: end, isWord: false,
                                          normalized: String(character)))
                }
            }
            offset += character.utf8.count
        }
        finishWord(at: text.endIndex)
        self.lexemes = lexemes
        var mentionAt: [ParticipantMention?] = Array(repeating: nil, count: lexemes.count)
        var cursor = 0
        for mention in mentions {
            while cursor < lexemes.count, lexemes[cursor].end <= mention.start { cursor += 1 }
            var index = cursor
            while index < lexemes.count, lexemes[index].start < mention.end {
                mentionAt[index] = mention
                index += 1
            }
        }
        self.mentionAt = mentionAt
    }

    /// The candidates, in text order, without repeats.
    func candidates() -> [StatementCandidate] {
        var results: [StatementCandidate] = []
        var speaker: ResourceID?
        for sentence in sentences() {
            for candidate in candidates(in: sentence, speaker: &speaker)
            where !results.contains(where: { $0.participant == candidate.participant && $0.text == candidate.text }) {
                results.append(candidate)
            }
        }
        return results
    }

    /// Lexeme ranges of the sentences: ended by `.`, `!`, `?`, `؟` (with closing quotes) or a paragraph break; a
    /// period between digits or after a single capital (`U.N.`) does not end one.
    private func sentences() -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < lexemes.count {
            let lexeme = lexemes[index]
            let paragraphBreak = index + 1 < lexemes.count
                && text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: lexeme.end)..<text.utf8.index(
                    text.utf8.startIndex, offsetBy: lexemes[index + 1].start)].contains(0x0A)
            var ends = paragraphBreak
            if !lexeme.isWord, let character = lexeme.text.first, Self.sentenceEnds.contains(character) {
                let previous = index > 0 ? lexemes[index - 1] : nil
                let next = index + 1 < lexemes.count ? lexemes[index + 1] : nil
                let decimal = character == "." && previous?.text.last?.isNumber == true
                    && next?.text.first?.isNumber == true && next?.start == lexeme.end
                let initial = character == "." && previous.map { $0.text.count == 1 && $0.text.first!.isUppercase }
                    == true
                ends = ends || !(decimal || initial)
                while ends, index + 1 < lexemes.count, let quote = lexemes[index + 1].text.first,
                    Self.closingQuotes.contains(quote) || quote == "\""
                {
                    index += 1
                }
            }
            index += 1
            if ends {
                ranges.append(start..<index)
                start = index
            }
        }
        if start < lexemes.count { ranges.append(start..<lexemes.count) }
        return ranges
    }

    /// Quotation spans (the lexemes between the marks) in `sentence`: `“…”`, `«…»`, and straight quotes in pairs.
    private func quotations(in sentence: Range<Int>) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var open: Int?
        var straight: Int?
        for index in sentence where !lexemes[index].isWord {
            let mark = lexemes[index].text.first!
            if Self.openingQuotes.contains(mark) {
                open = index
            } else if Self.closingQuotes.contains(mark), let start = open {
                spans.append((start + 1)..<index)
                open = nil
            } else if mark == "\"" {
                if let start = straight {
                    spans.append((start + 1)..<index)
                    straight = nil
                } else {
                    straight = index
                }
            }
        }
        return spans.filter { $0.count >= 3 }
    }

    private func isArabic(_ sentence: Range<Int>) -> Bool {
        var arabic = 0
        var latin = 0
        for index in sentence where lexemes[index].isWord {
            let scalar = lexemes[index].text.unicodeScalars.first!.value
            if (0x0600...0x06FF).contains(scalar) { arabic += 1 } else if scalar < 0x0250 { latin += 1 }
        }
        return arabic > latin
    }

    private func candidates(in sentence: Range<Int>, speaker: inout ResourceID?) -> [StatementCandidate] {
        let quotes = quotations(in: sentence)
        let inQuote = { (index: Int) in quotes.contains { $0.contains(index) } }
        let arabic = isArabic(sentence)
        var verbs: [Int] = []
        for index in sentence where lexemes[index].isWord && !inQuote(index) {
            let word = lexemes[index].normalized
            let afterTo = index > sentence.lowerBound && lexemes[index - 1].normalized == "to"  // `hard to say`
            if arabic ? SpeechLexicon.isArabicVerb(word) : SpeechLexicon.englishVerbs.contains(word) && !afterTo {
                verbs.append(index)
            } else if !arabic, word == "according", index + 1 < sentence.upperBound,
                lexemes[index + 1].normalized == "to"
            {
                verbs.append(index)
            }
        }
        let context = self.text(lexemes[sentence.lowerBound].start, lexemes[sentence.upperBound - 1].end)
            .trimmingCharacters(in: .whitespaces)
        var results: [StatementCandidate] = []
        for (position, verb) in verbs.enumerated() {
            let clauseEnd = position + 1 < verbs.count ? verbs[position + 1] : sentence.upperBound
            let attribution = arabic
                ? arabicAttribution(verb: verb, clauseEnd: clauseEnd, quotes: quotes)
                : englishAttribution(verb: verb, sentence: sentence, clauseEnd: clauseEnd, quotes: quotes)
            guard let attribution else {
                speaker = nil  // someone we do not know spoke: do not hand later words to the previous speaker
                continue
            }
            guard let who = attribution.speaker ?? speaker else { continue }
            speaker = who
            guard let words = words(attribution.content, clauseEnd: clauseEnd, arabic: arabic),
                words.text.split(separator: " ").count >= 3
            else { continue }
            var confidence = attribution.speaker == nil ? 0.5 : (attribution.near ? 0.85 : 0.65)
            if words.direct { confidence += 0.1 }
            results.append(StatementCandidate(
                participant: who, text: words.text, kind: words.direct ? .direct : .reported, context: context,
                confidence: min(confidence, 0.95)))
        }
        return results
    }

    /// Who a verb attributes to (nil speaker: the previous one) and where the words start (a lexeme index, or a
    /// quotation); nil when the verb has a subject that is not a known participant.
    private struct Attribution {
        var speaker: ResourceID?
        var near: Bool
        var content: Content
    }

    private enum Content {
        case quotation(Range<Int>)
        case from(Int)
    }

    private func arabicAttribution(verb: Int, clauseEnd: Int, quotes: [Range<Int>]) -> Attribution? {
        // The words start at the first complementizer or quotation after the verb.
        var contentStart: Int?
        var quotation: Range<Int>?
        var index = verb + 1
        while index < clauseEnd {
            if let quote = quotes.first(where: { $0.lowerBound == index + 1 && !lexemes[index].isWord }) {
                quotation = quote
                contentStart = index
                break
            }
            if lexemes[index].isWord, SpeechLexicon.arabicComplementizers.contains(lexemes[index].normalized) {
                contentStart = index
                break
            }
            index += 1
        }
        let window = verb + 1..<(contentStart ?? min(clauseEnd, verb + 13))
        let named = window.compactMap { mentionAt[$0] }
        let content: Content = quotation.map(Content.quotation) ?? .from(contentStart ?? window.upperBound)
        if let mention = named.first(where: { $0.kind == .person }) ?? named.first {
            if contentStart == nil, let last = window.last(where: { mentionAt[$0] == mention }) {
                // `قال فاسيلينكو، مدة المحادثات …`: the words follow the name and a comma.
                var start = last + 1
                while start < clauseEnd, !lexemes[start].isWord { start += 1 }
                return Attribution(speaker: mention.participant, near: true, content: .from(start))
            }
            return Attribution(speaker: mention.participant, near: true, content: content)
        }
        guard let contentStart else { return nil }
        // `ونقلت الأمم المتحدة عن دى ميستورا قوله …`: the speaker named just before the verb (not for a participle
        // such as `مشيرا`, which continues the previous speaker's words).
        let continues = SpeechLexicon.arabicContinuations.contains(SpeechLexicon.arabicStem(lexemes[verb].normalized))
        let earlier = continues ? [] : (max(0, verb - 6)..<verb).compactMap { mentionAt[$0] }
        if let mention = earlier.last(where: { $0.kind == .person }) ?? earlier.last {
            return Attribution(speaker: mention.participant, near: false, content: content)
        }
        // `وأضاف أن …`, `مشيرا إلى أن …`: the previous speaker, when only small words come between.
        let fillers: Set<String> = ["في", "فى", "الوقت", "ذاته", "نفسه", "الي", "عن", "ثقته", "تفاوله", "تفاؤله",
                                    "ايضا", "كذلك", "من", "جهته", "جانبه", "له", "لها", "قائلا"]
        let between = (verb + 1..<contentStart).filter { lexemes[$0].isWord }
        guard between.count <= 5, between.allSatisfy({ fillers.contains(lexemes[$0].normalized) }) else { return nil }
        return Attribution(speaker: nil, near: false, content: content)
    }

    private func englishAttribution(
        verb: Int, sentence: Range<Int>, clauseEnd: Int, quotes: [Range<Int>]
    ) -> Attribution? {
        let isAccordingTo = lexemes[verb].normalized == "according"
        let afterVerb = verb + (isAccordingTo ? 2 : 1)
        // The quotation nearest the verb in its clause, before or after it.
        let quotation = quotes.first { $0.lowerBound > verb && $0.upperBound <= clauseEnd }
            ?? quotes.last { $0.upperBound < verb && $0.lowerBound >= sentence.lowerBound }
        var start = afterVerb
        if lexemes[verb].normalized == "told", start < clauseEnd, lexemes[start].isWord,
            !(start + 1 < clauseEnd && lexemes[start + 1].normalized == "that")
        {
            start += 1  // `told reporters it was …`
        }
        if start < clauseEnd, lexemes[start].normalized == "that" { start += 1 }
        let content: Content = quotation.map(Content.quotation) ?? .from(start)
        let after = (afterVerb..<min(clauseEnd, afterVerb + 4)).compactMap { mentionAt[$0] }
        if isAccordingTo {
            guard let mention = after.first else { return nil }
            return Attribution(speaker: mention.participant, near: true, content: content)
        }
        let before = Swift.max(sentence.lowerBound, verb - 10)..<verb
        let named = before.filter { index in !quotes.contains { $0.contains(index) } }.compactMap { mentionAt[$0] }
        if let mention = named.first(where: { $0.kind == .person }) ?? named.last {
            return Attribution(speaker: mention.participant, near: true, content: content)
        }
        if let mention = after.first(where: { $0.kind == .person }) {  // `said Lavrov`
            return Attribution(speaker: mention.participant, near: true, content: content)
        }
        let previousWord = (sentence.lowerBound..<verb).last { lexemes[$0].isWord }
        let subject = previousWord.map { lexemes[$0].normalized }
        if let subject, SpeechLexicon.englishCarryOver.contains(subject) {
            return Attribution(speaker: nil, near: false, content: content)
        }
        return nil
    }

    /// The candidate's words: a quotation, or from `content` to the clause end — in Arabic cut at `، و…` (a new
    /// clause) — without trailing punctuation and conjunctions.
    private func words(_ content: Content, clauseEnd: Int, arabic: Bool) -> (text: String, direct: Bool)? {
        switch content {
        case .quotation(let span):
            // `“…,” he said`: the comma before the closing mark belongs to the sentence, not the quotation.
            var end = span.upperBound
            while end > span.lowerBound, [",", "،"].contains(lexemes[end - 1].text) { end -= 1 }
            guard end > span.lowerBound else { return nil }
            return (text(lexemes[span.lowerBound].start, lexemes[end - 1].end), true)
        case .from(let start):
            var end = clauseEnd
            if arabic, start < clauseEnd {
                for index in start..<clauseEnd - 1 where lexemes[index].text == "،" || lexemes[index].text == "," {
                    let next = lexemes[index + 1]
                    if next.isWord, next.normalized.hasPrefix("و"), !next.normalized.hasPrefix("وذلك") {
                        end = index
                        break
                    }
                }
            }
            let trailing: Set<String> = ["و", "but", "and", "while", "as"]
            while end > start, !lexemes[end - 1].isWord || trailing.contains(lexemes[end - 1].normalized) {
                if let mark = lexemes[end - 1].text.first, Self.closingQuotes.contains(mark) { break }
                end -= 1
            }
            guard end > start else { return nil }
            return (text(lexemes[start].start, lexemes[end - 1].end), false)
        }
    }

    /// The text between two UTF-8 offsets.
    private func text(_ start: Int, _ end: Int) -> String {
        let utf8 = text.utf8
        return String(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])!
    }
}
