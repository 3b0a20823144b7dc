import XCTest
@testable import Marginalia

/// `LanguageGuesser` stores its answer in every document's metadata, so its answers are
/// part of the exports: they are pinned on real-looking texts, and the fast scan is held
/// to a plain, scalar-by-scalar reference of the rule on random texts of every mix
/// (cases, NFC and NFD accents, non-ASCII letters and punctuation, malformed bytes, the
/// 20,000-scalar limit).
final class LanguageGuesserTests: XCTestCase {
    func testPinnedAnswersOnEnglishFrenchVietnameseAndMixedTexts() {
        let english = "The ministry said on Tuesday that it was ready to send food and water to the region, "
            + "which has been cut off by floods for a week."
        let french = "Le ministre a déclaré mardi que la France était prête à envoyer des vivres dans la région, "
            + "coupée du monde par les inondations depuis une semaine."
        let frenchNFD = french.decomposedStringWithCanonicalMapping
        let vietnamese = "Bộ Ngoại giao cho biết Việt Nam sẵn sàng gửi lương thực và nước uống tới khu vực bị lũ lụt cô lập."
        let vietnameseNFD = vietnamese.decomposedStringWithCanonicalMapping
        let mixed = "Le président est arrivé. The talks were held in Hanoi and the delegations left on Friday."
        let mixedFrenchFirst = "The president arrived. Les discussions ont eu lieu à Hanoï et les délégations sont parties."
        XCTAssertEqual(LanguageGuesser.guess(english), "en")
        XCTAssertEqual(LanguageGuesser.guess(french), "fr")
        XCTAssertEqual(LanguageGuesser.guess(frenchNFD), "fr")
        XCTAssertEqual(LanguageGuesser.guess(vietnamese), "und")
        XCTAssertEqual(LanguageGuesser.guess(vietnameseNFD), "und")
        XCTAssertEqual(LanguageGuesser.guess(mixed), "en")
        XCTAssertEqual(LanguageGuesser.guess(mixedFrenchFirst), "fr")
        XCTAssertEqual(LanguageGuesser.guess("THE WAR AND THE PEACE OF THE NATIONS"), "en")
        XCTAssertEqual(LanguageGuesser.guess("Été été ÉTÉ e\u{301}te\u{301}"), "fr")
        XCTAssertEqual(LanguageGuesser.guess("the and of"), "en")
        XCTAssertEqual(LanguageGuesser.guess("the and"), "und")
        XCTAssertEqual(LanguageGuesser.guess("le la les the and of"), "en")   // a tie is English
        XCTAssertEqual(LanguageGuesser.guess(""), "und")
        // Words are runs of letters: digits, apostrophes and curly quotes end them.
        XCTAssertEqual(LanguageGuesser.guess("the1and2of3"), "en")
        XCTAssertEqual(LanguageGuesser.guess("l’état, d’une, qu’il: the’s"), "und")
        // Words glued to other letters are not function words.
        XCTAssertEqual(LanguageGuesser.guess("thé andé ofé theory android office"), "und")
        XCTAssertEqual(LanguageGuesser.guess("the and of".replacingOccurrences(of: " ", with: "\u{00A0}")), "en")
    }

    func testOnlyTheFirst20000ScalarsCount() {
        let filler = String(repeating: "x ", count: 9_990)   // 19,980 scalars
        XCTAssertEqual(LanguageGuesser.guess(filler + "the and of"), "en")              // ends at scalar 19,990
        XCTAssertEqual(LanguageGuesser.guess(filler + "the and xxxxxxxxxx of"), "und")  // scalar 20,000 is the "o" of "of"
        // A multi-byte scalar counts once.
        let wide = String(repeating: "é", count: 19_990) + " the and of"
        XCTAssertEqual(LanguageGuesser.guess(wide), "und")                              // "of" is cut to "o"
        XCTAssertEqual(LanguageGuesser.guess(String(repeating: "é", count: 19_985) + " the and of"), "en")
        // A word cut by the limit is the part read.
        XCTAssertEqual(LanguageGuesser.guess(String(repeating: " ", count: 19_990) + "the and ofxxxxx"), "en")
    }

    func testTalliesMatchTheReferenceOnRandomTexts() {
        var generator = SplitMix64(seed: 16)
        for round in 0..<4_000 {
            let text = Self.randomText(&generator, tokens: Int.random(in: 0...60, using: &generator))
            let bytes = Array(text.utf8)
            XCTAssertEqual(Self.tally(bytes), ReferenceLanguageGuess.tally(bytes), "round \(round): \(text.debugDescription)")
            XCTAssertEqual(LanguageGuesser.guess(text), ReferenceLanguageGuess.guess(bytes), "round \(round)")
        }
    }

    func testTalliesMatchTheReferenceOnLongASCIIStretches() {
        // Mostly ASCII, so that most bytes are read 64 at a time: words across block
        // edges, runs of letters longer than a block, a rare other scalar.
        var generator = SplitMix64(seed: 64)
        let ascii = Self.tokens.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        for round in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...160, using: &generator) {
                switch Int.random(in: 0..<40, using: &generator) {
                case 0: text += String(repeating: "ab", count: Int.random(in: 1...80, using: &generator))
                case 1: text += Self.randomToken(&generator)
                case 2: text += String(repeating: " ", count: Int.random(in: 1...70, using: &generator))
                default: text += ascii.randomElement(using: &generator)!
                }
                text += [" ", " ", ", ", ".\n", "", "1", "@", "[", "`", "{"].randomElement(using: &generator)!
            }
            let bytes = Array(text.utf8)
            XCTAssertEqual(Self.tally(bytes), ReferenceLanguageGuess.tally(bytes), "round \(round): \(text.debugDescription)")
        }
    }

    func testTalliesMatchTheReferenceOnMalformedBytes() {
        var generator = SplitMix64(seed: 1_616)
        let odd: [[UInt8]] = [[0x80], [0xC3], [0xE2, 0x80], [0xF0, 0x9F], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]
        for round in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    bytes += odd.randomElement(using: &generator)!
                } else {
                    bytes += Array(Self.randomToken(&generator).utf8)
                }
            }
            XCTAssertEqual(Self.tally(bytes), ReferenceLanguageGuess.tally(bytes), "round \(round): \(bytes)")
        }
    }

    func testTalliesMatchTheReferenceAroundTheLimit() {
        var generator = SplitMix64(seed: 20_000)
        for round in 0..<120 {
            // Texts of about 19,900–20,100 scalars, the words around the cut random.
            var text = String(repeating: Int.random(in: 0..<2, using: &generator) == 0 ? "a " : "é ", count: 9_950 + Int.random(in: 0..<20, using: &generator))
            text += Self.randomText(&generator, tokens: 80)
            let bytes = Array(text.utf8)
            XCTAssertEqual(Self.tally(bytes), ReferenceLanguageGuess.tally(bytes), "round \(round)")
        }
    }

    // MARK: - Helpers

    private static func tally(_ bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer { buffer in
            let counts = LanguageGuesser.tally(utf8: buffer)
            return [counts.english, counts.french]
        }
    }

    private static let tokens = [
        "the", "The", "THE", "tHe", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "as", "by",
        "it", "from", "his", "has", "have", "are", "this", "were", "be", "at", "an",
        "le", "La", "les", "DES", "et", "est", "du", "une", "dans", "pour", "que", "qui", "au", "sur", "avec", "aux",
        "ce", "il", "elle", "ont", "été", "Été", "ÉTÉ", "e\u{301}te\u{301}", "E\u{301}TE\u{301}", "sont", "par", "pas", "plus",
        "theory", "a", "x", "android", "ministry", "Hanoi", "Hà", "Nội", "Việt", "Vie\u{323}\u{302}t", "là", "la\u{300}",
        "café", "naïve", "straße", "STRASSE", "İt", "\u{212A}", "\u{212B}", "ǅe", "ﬁ", "Ωmega", "Σίσυφος", "Москва", "北京",
        "😀", "\u{0301}", "\u{0300}the", "the\u{0301}", "l’", "’", "“", "”", "—", "-", "'", "1", "42", "\u{00A0}", "\u{2009}",
    ]
    private static let separators = [" ", " ", " ", "  ", ", ", ". ", "\n", "\t", "", "-", "’", "\u{00A0}", "é", "1"]

    private static func randomToken(_ generator: inout SplitMix64) -> String {
        tokens.randomElement(using: &generator)!
    }

    private static func randomText(_ generator: inout SplitMix64, tokens count: Int) -> String {
        var text = ""
        for _ in 0..<count {
            text += randomToken(&generator)
            text += separators.randomElement(using: &generator)!
        }
        return text
    }
}

/// The guesser's rule, read the slow and obvious way: scalar by scalar, words as arrays of
/// bytes, the function words as `Set`s of strings.
enum ReferenceLanguageGuess {
    static let english: Set<String> = [
        "the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "as", "by",
        "it", "from", "his", "has", "have", "are", "this", "were", "be", "at", "an",
    ]
    static let french: Set<String> = [
        "le", "la", "les", "des", "et", "est", "du", "une", "dans", "pour", "que", "qui", "au",
        "sur", "avec", "aux", "ce", "il", "elle", "ont", "été", "sont", "par", "pas", "plus",
    ]

    static func guess(_ bytes: [UInt8]) -> String {
        let counts = tally(bytes)
        if max(counts[0], counts[1]) < 3 { return "und" }
        return counts[1] > counts[0] ? "fr" : "en"
    }

    /// English and French function words among the words of the first 20,000 scalars.
    static func tally(_ bytes: [UInt8]) -> [Int] {
        var counts = [0, 0]
        var word: [UInt8] = []
        var ascii = true
        func finish() {
            defer { word = []; ascii = true }
            guard !word.isEmpty, word.count <= 7 else { return }
            let text = ascii ? String(decoding: word.map { $0 | 0x20 }, as: UTF8.self)
                : String(decoding: word, as: UTF8.self).precomposedStringWithCanonicalMapping.lowercased()
            guard text.utf8.count <= 7 else { return }
            if english.contains(text) { counts[0] += 1 }
            if french.contains(text) { counts[1] += 1 }
        }
        var index = 0
        var scalars = 0
        while index < bytes.count && scalars < 20_000 {
            scalars += 1
            let (value, length) = bytes.withUnsafeBufferPointer { TextUTF8.decode($0.baseAddress!, at: index, count: bytes.count) }
            let isLetter: Bool
            if value < 0x80 {
                isLetter = (0x61...0x7A).contains(UInt8(value) | 0x20)
            } else {
                isLetter = Unicode.Scalar(value).map { $0.properties.isAlphabetic || $0.properties.generalCategory == .nonspacingMark } ?? false
                if isLetter { ascii = false }
            }
            if isLetter { word += bytes[index..<index + length] } else { finish() }
            index += length
        }
        finish()
        return counts
    }
}
