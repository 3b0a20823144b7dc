import XCTest
@testable import Marginalia

final class LexiconTests: XCTestCase {
    /// The original text of each match, with the matched term.
    private func found(_ lexicon: Lexicon, _ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return lexicon.matches(in: text).map {
            String(decoding: bytes[$0.byteStart..<$0.byteEnd], as: UTF8.self) + "=" + lexicon.terms[$0.termIndex]
        }
    }

    /// Byte offsets `[start, end]` of the first occurrence of `sub`'s UTF-8 bytes in `text`.
    private func byteRange(_ sub: String, _ text: String) -> [Int] {
        let t = Array(text.utf8), s = Array(sub.utf8)
        for i in 0...(t.count - s.count) where Array(t[i..<(i + s.count)]) == s { return [i, i + s.count] }
        return []
    }

    func testCaseAndAccentFolding() throws {
        let lex = try Lexicon(terms: ["defense"])
        XCTAssertEqual(found(lex, "Défense, defense and DEFENSE; défense."),
                       ["Défense=defense", "defense=defense", "DEFENSE=defense", "défense=defense"])
        let fr = try Lexicon(terms: ["Défense"])
        XCTAssertEqual(found(fr, "la defense"), ["defense=Défense"])
        let hanoi = try Lexicon(terms: ["hanoi"])
        XCTAssertEqual(found(hanoi, "à Hanoï."), ["Hanoï=hanoi"])
    }

    func testVietnameseNFCAndNFD() throws {
        let lex = try Lexicon(terms: ["viet nam", "ha noi"])
        let nfc = "Thủ đô Hà Nội, Việt Nam"
        let nfd = "Thu\u{309} đo\u{302} Ha\u{300} No\u{323}\u{302}i, Vie\u{323}\u{302}t Nam"
        XCTAssertNotEqual(Array(nfc.utf8), Array(nfd.utf8))
        XCTAssertEqual(found(lex, nfc), ["Hà Nội=ha noi", "Việt Nam=viet nam"])
        XCTAssertEqual(found(lex, nfd), ["Ha\u{300} No\u{323}\u{302}i=ha noi", "Vie\u{323}\u{302}t Nam=viet nam"])
        let a = lex.matches(in: nfc), b = lex.matches(in: nfd)
        XCTAssertEqual(a.map { [$0.byteStart, $0.byteEnd] }, [byteRange("Hà Nội", nfc), byteRange("Việt Nam", nfc)])
        XCTAssertEqual(b.map { [$0.byteStart, $0.byteEnd] },
                       [byteRange("Ha\u{300} No\u{323}\u{302}i", nfd), byteRange("Vie\u{323}\u{302}t Nam", nfd)])
        XCTAssertEqual(a.map { [$0.byteStart, $0.byteEnd] }, [[11, 20], [22, 32]])
        XCTAssertNotEqual(a.map(\.byteStart), b.map(\.byteStart))
    }

    func testTrailingCombiningMarksExtendTheMatch() throws {
        let lex = try Lexicon(terms: ["cafe"])
        XCTAssertEqual(found(lex, "un cafe\u{301} noir"), ["cafe\u{301}=cafe"])
        XCTAssertEqual(found(lex, "cafe\u{301}\u{323}"), ["cafe\u{301}\u{323}=cafe"])
        XCTAssertEqual(found(lex, "cafe\u{301}s"), [])
        // A stray mark before the start is a word scalar, so it blocks the match.
        XCTAssertEqual(found(lex, "\u{301}cafe"), [])
    }

    func testWholeWordsOnly() throws {
        let lex = try Lexicon(terms: ["vietnam", "china", "defense"])
        XCTAssertEqual(found(lex, "Vietnam’s economy"), ["Vietnam=vietnam"])
        XCTAssertEqual(found(lex, "Vietnam's economy"), ["Vietnam=vietnam"])
        XCTAssertEqual(found(lex, "US-China talks"), ["China=china"])
        XCTAssertEqual(found(lex, "Vietnamese food"), [])
        XCTAssertEqual(found(lex, "defenses and predefense"), [])
        XCTAssertEqual(found(lex, "chinas china2 2china"), [])
        XCTAssertEqual(found(lex, "(china)"), ["china=china"])
    }

    func testLeftmostLongest() throws {
        let lex = try Lexicon(terms: ["defense", "air defense", "air", "defense systems"])
        // Explicit expectation: "air defense" starts first and wins; "defense systems" overlaps and is dropped.
        XCTAssertEqual(found(lex, "new air defense systems"), ["air defense=air defense"])
        XCTAssertEqual(found(lex, "defense systems"), ["defense systems=defense systems"])
        XCTAssertEqual(found(lex, "air force"), ["air=air"])
        let nested = try Lexicon(terms: ["b c", "a b c d"])
        XCTAssertEqual(found(nested, "a b c d"), ["a b c d=a b c d"])
        XCTAssertEqual(found(nested, "a b c e"), ["b c=b c"])
    }

    func testMatchAtEdgesAndEmptyText() throws {
        let lex = try Lexicon(terms: ["un", "vote"])
        XCTAssertEqual(found(lex, "UN vote"), ["UN=un", "vote=vote"])
        XCTAssertEqual(lex.matches(in: "UN vote"),
                       [LexiconMatch(byteStart: 0, byteEnd: 2, termIndex: 0),
                        LexiconMatch(byteStart: 3, byteEnd: 7, termIndex: 1)])
        XCTAssertEqual(lex.matches(in: ""), [])
        XCTAssertEqual(lex.matches(inUTF8: UnsafeBufferPointer(start: nil, count: 0)), [])
        XCTAssertEqual(found(lex, "under fund until"), [])
    }

    func testWhitespaceInTerms() throws {
        let lex = try Lexicon(terms: ["  air   defense "])
        XCTAssertEqual(found(lex, "air defense"), ["air defense=  air   defense "])
        XCTAssertEqual(found(lex, "air\u{A0}defense"), ["air\u{A0}defense=  air   defense "])
        XCTAssertEqual(found(lex, "air\ndefense"), ["air\ndefense=  air   defense "])
        XCTAssertEqual(found(lex, "air\tdefense"), ["air\tdefense=  air   defense "])
        XCTAssertEqual(found(lex, "air  defense"), [])  // one space matches exactly one whitespace scalar
    }

    func testDuplicateTermsFirstWins() throws {
        let lex = try Lexicon(terms: ["Défense", "defense", "DEFENSE"])
        XCTAssertEqual(lex.terms, ["Défense", "defense", "DEFENSE"])
        XCTAssertEqual(lex.matches(in: "defense").map(\.termIndex), [0])
    }

    func testPunctuatedTerms() throws {
        let lex = try Lexicon(terms: ["U.N.", "T-54", "l'ONU", "cessez-le-feu"])
        XCTAssertEqual(found(lex, "The U.N. sent T-54s; l’ONU demande un cessez-le-feu."),
                       ["U.N.=U.N.", "l’ONU=l'ONU", "cessez-le-feu=cessez-le-feu"])
    }

    func testMultiByteFoldsAreWholeScalars() throws {
        let lex = try Lexicon(terms: ["esir", "a", "strasse", "oeuvre"])
        XCTAssertEqual(found(lex, "Æsir æ"), [])           // "esir" is not a whole-scalar match
        XCTAssertEqual(found(lex, "Straße Œuvre"), ["Straße=strasse", "Œuvre=oeuvre"])
    }

    func testNonLatinTerms() throws {
        let lex = try Lexicon(terms: ["Москва", "東京"])
        XCTAssertEqual(found(lex, "В МОСКВА и 東京."), ["МОСКВА=Москва", "東京=東京"])
    }

    func testErrors() {
        XCTAssertThrowsError(try Lexicon(terms: [])) { error in
            XCTAssertEqual(error as? LexiconError, .noTerms)
        }
        XCTAssertThrowsError(try Lexicon(terms: ["ok", " \u{301} "])) { error in
            XCTAssertEqual(error as? LexiconError, .emptyTerm(index: 1, term: " \u{301} "))
        }
        XCTAssertTrue(LexiconError.noTerms.description.contains("at least one term"))
        XCTAssertTrue(LexiconError.emptyTerm(index: 4, term: "").description.contains("#4"))
    }

    func testMalformedUTF8DoesNotCrash() throws {
        let lex = try Lexicon(terms: ["defense", "é"])
        let cases: [[UInt8]] = [
            [0xFF] + Array("defense".utf8) + [0xC3],
            Array("defense".utf8) + [0xE2, 0x80],            // truncated 3-byte sequence
            [0x80, 0x80] + Array("defense".utf8) + [0xED, 0xA0, 0x80],  // continuation, surrogate
            [0xC3], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF],
        ]
        for bytes in cases {
            let m = bytes.withUnsafeBufferPointer { lex.matches(inUTF8: $0) }
            for x in m { XCTAssertTrue(x.byteStart >= 0 && x.byteStart < x.byteEnd && x.byteEnd <= bytes.count) }
        }
        let first = cases[0].withUnsafeBufferPointer { lex.matches(inUTF8: $0) }
        XCTAssertEqual(first, [LexiconMatch(byteStart: 1, byteEnd: 8, termIndex: 0)])
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let bytes = (0..<Int(rng.next() % 40)).map { _ in
                rng.next() % 3 == 0 ? UInt8(ascii: "e") : UInt8(truncatingIfNeeded: rng.next())
            }
            let m = bytes.withUnsafeBufferPointer { lex.matches(inUTF8: $0) }
            for x in m { XCTAssertTrue(x.byteStart >= 0 && x.byteStart < x.byteEnd && x.byteEnd <= bytes.count) }
        }
    }

    func testConcurrentUse() async throws {
        let lex = try Lexicon(terms: ["defense"])
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { lex.matches(in: "defense défense DEFENSE").count } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(counts, Array(repeating: 3, count: 8))
    }
}

/// Small deterministic PRNG for tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
