import XCTest
@testable import Marginalia

final class TokenizerTests: XCTestCase {
    private func words(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return Tokenizer.tokens(in: text).map { String(decoding: bytes[$0.byteStart..<$0.byteEnd], as: UTF8.self) }
    }

    func testWordsAndPunctuation() {
        XCTAssertEqual(words("Hello, world!"), ["Hello", ",", "world", "!"])
        XCTAssertEqual(words("  spaced\t\nout  "), ["spaced", "out"])
        XCTAssertEqual(words(""), [])
        XCTAssertEqual(words("   "), [])
        XCTAssertEqual(words("(a)--b"), ["(", "a", ")", "-", "-", "b"])
    }

    func testInternalJoiners() {
        XCTAssertEqual(words("The T-54 tank"), ["The", "T-54", "tank"])
        XCTAssertEqual(words("don't"), ["don't"])
        XCTAssertEqual(words("Vietnam’s"), ["Vietnam’s"])
        XCTAssertEqual(words("the U.S. army"), ["the", "U.S", ".", "army"])
        XCTAssertEqual(words("3.5 million"), ["3.5", "million"])
        XCTAssertEqual(words("end. Next"), ["end", ".", "Next"])
        XCTAssertEqual(words("rock 'n' roll"), ["rock", "'", "n", "'", "roll"])
        XCTAssertEqual(words("well-- known"), ["well", "-", "-", "known"])
    }

    func testUnicodeWords() {
        XCTAssertEqual(words("Hà Nội, Việt Nam"), ["Hà", "Nội", ",", "Việt", "Nam"])
        XCTAssertEqual(words("Ha\u{300} No\u{323}\u{302}i"), ["Ha\u{300}", "No\u{323}\u{302}i"])
        XCTAssertEqual(words("l’ONU «paix»"), ["l’ONU", "«", "paix", "»"])
        XCTAssertEqual(words("a\u{A0}b"), ["a", "b"])
        XCTAssertEqual(words("東京😀"), ["東京", "😀"])
    }

    func testOffsets() {
        XCTAssertEqual(Tokenizer.tokens(in: "é, x"),
                       [TextSpan(byteStart: 0, byteEnd: 2), TextSpan(byteStart: 2, byteEnd: 3),
                        TextSpan(byteStart: 4, byteEnd: 5)])
    }

    func testMalformedBytes() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3, 0x20, 0xE2, 0x80]
        let spans = bytes.withUnsafeBufferPointer { Tokenizer.tokens(inUTF8: $0) }
        XCTAssertEqual(spans.map { [$0.byteStart, $0.byteEnd] }, [[0, 1], [1, 2], [2, 3], [3, 4], [5, 6], [6, 7]])
        var rng = SplitMix64(seed: 11)
        for _ in 0..<500 {
            let random = (0..<Int(rng.next() % 30)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let t = random.withUnsafeBufferPointer { Tokenizer.tokens(inUTF8: $0) }
            var last = 0
            for s in t {
                XCTAssertTrue(s.byteStart >= last && s.byteStart < s.byteEnd && s.byteEnd <= random.count)
                last = s.byteEnd
            }
        }
    }
}
