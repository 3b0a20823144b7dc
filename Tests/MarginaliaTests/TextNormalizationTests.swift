import XCTest
@testable import Marginalia

/// The NFD flag of every document: the scan for combining marks reads eight bytes at a
/// time, so it is held to the scalar-by-scalar rule on texts with marks at every offset.
final class TextNormalizationTests: XCTestCase {
    func testDecomposedTextsAreFlagged() {
        XCTAssertTrue(TextNormalization.containsDecomposedSequences("Vie\u{0323}\u{0302}t Nam"))
        XCTAssertTrue(TextNormalization.containsDecomposedSequences(String(repeating: "plain ASCII ", count: 20) + "e\u{301}"))
        XCTAssertFalse(TextNormalization.containsDecomposedSequences("Việt Nam, “quoted” — done"))
        XCTAssertFalse(TextNormalization.containsDecomposedSequences(""))
        // A mark NFC cannot compose with what precedes it leaves the text as it is.
        XCTAssertFalse(TextNormalization.containsDecomposedSequences("x\u{0301}"))
        XCTAssertFalse(TextNormalization.containsDecomposedSequences("\u{0301}"))
    }

    func testMarkScanMatchesTheScalarRuleAtEveryOffset() {
        var generator = SplitMix64(seed: 0x300)
        let pieces = ["a", "b ", "é", "e\u{301}", "\u{301}", "\u{0323}", "“", "—", "ß", "Ω", "ж", "北", "😀", "\u{20D7}",
                      "\u{05B0}", "\u{0E31}", "\u{FE20}", "\u{1D167}", "ǅ", "\u{2019}", "Ì", "\u{0345}", "\u{0488}"]
        for round in 0..<5_000 {
            var text = String(repeating: "x", count: Int.random(in: 0..<9, using: &generator))
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                text += Int.random(in: 0..<3, using: &generator) == 0 ? pieces.randomElement(using: &generator)! : "plain "
            }
            let expected = text.unicodeScalars.contains { $0.value >= 0x300 && $0.properties.generalCategory == .nonspacingMark }
            var copy = text
            XCTAssertEqual(copy.withUTF8 { TextNormalization.hasNonspacingMark($0) }, expected, "round \(round): \(text.debugDescription)")
            let decomposed = expected && text.precomposedStringWithCanonicalMapping.unicodeScalars.count != text.unicodeScalars.count
            XCTAssertEqual(TextNormalization.containsDecomposedSequences(text), decomposed, "round \(round)")
        }
    }
}
