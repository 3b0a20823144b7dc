import XCTest
@testable import Marginalia

/// A malformed byte is a non-word "other" byte to the matcher: the same text with each
/// malformed byte replaced by `#` (also one byte, not a word character, in no term) gives
/// the same matches at the same offsets, in one pass and split. This holds the scan's
/// backward walk to a term's start (it reads the scalars just read, never across a
/// malformed byte it cannot decode the same way backwards) to the forward reading.
final class LexiconMalformedBytesTests: XCTestCase {
    func testMalformedBytesActLikeOneOtherByte() throws {
        let pieces: [[UInt8]] = [
            Array("air".utf8), Array("defense".utf8), Array("é".utf8), Array("e\u{301}".utf8), Array("ß".utf8),
            Array("ss".utf8), Array("Æ".utf8), Array("ae".utf8), Array("Vie\u{323}\u{302}t".utf8), Array(" ".utf8),
            Array("-".utf8), Array("\u{A0}".utf8), [0xFF], [0xFE], [0xC0], [0x80], [0xE2, 0x82], [0xF0, 0x9F],
        ]
        let terms = ["air", "defense", "air defense", "é", "ss", "ae", "viet", "e air", "é ss"]
        let lexicon = try Lexicon(terms: terms)
        var rng = SplitMix64(seed: 1612)
        var matched = 0
        for _ in 0..<3000 {
            var text: [UInt8] = []
            for _ in 0..<(1 + Int(rng.next() % 40)) {
                text += pieces[Int(rng.next() % UInt64(pieces.count))]
            }
            var replaced = text
            var i = 0
            while i < text.count {   // the forward reading's malformed bytes become '#'
                let (value, length) = text.withUnsafeBufferPointer { TextUTF8.decode($0.baseAddress!, at: i, count: $0.count) }
                if value == TextUTF8.malformed { replaced[i] = UInt8(ascii: "#") }
                i += length
            }
            let expected = replaced.withUnsafeBufferPointer { lexicon.matches(inUTF8: $0) }
            let actual = text.withUnsafeBufferPointer { lexicon.matches(inUTF8: $0) }
            let split = text.withUnsafeBufferPointer { lexicon.resolveLeftmostLongest(lexicon.scanCandidates($0, splitMinimum: 1)) }
            XCTAssertEqual(actual, expected, "text \(text)")
            XCTAssertEqual(split, expected, "text \(text), split scan")
            matched += expected.count
        }
        XCTAssertGreaterThan(matched, 1000, "the random texts hold matches")
    }
}
