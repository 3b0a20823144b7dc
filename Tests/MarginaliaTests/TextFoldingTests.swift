import XCTest
@testable import Marginalia

final class TextFoldingTests: XCTestCase {
    func testCaseAndAccents() {
        XCTAssertEqual(TextFolding.fold("Défense"), "defense")
        XCTAssertEqual(TextFolding.fold("DEFENSE"), "defense")
        XCTAssertEqual(TextFolding.fold("Hanoï"), "hanoi")
        XCTAssertEqual(TextFolding.fold("Hà Nội"), "ha noi")
        XCTAssertEqual(TextFolding.fold("Việt Nam"), "viet nam")
        XCTAssertEqual(TextFolding.fold("Vie\u{323}\u{302}t Nam"), "viet nam")  // NFD
        XCTAssertEqual(TextFolding.fold("Ελλάδα"), "ελλαδα")
        XCTAssertEqual(TextFolding.fold("İstanbul"), "istanbul")
    }

    func testSpecialLetters() {
        XCTAssertEqual(TextFolding.fold("Đà Nẵng đ"), "da nang d")
        XCTAssertEqual(TextFolding.fold("ðÐ"), "dd")
        XCTAssertEqual(TextFolding.fold("Øresund ø"), "oresund o")
        XCTAssertEqual(TextFolding.fold("Łódź ł"), "lodz l")
        XCTAssertEqual(TextFolding.fold("Æsir æ"), "aesir ae")
        XCTAssertEqual(TextFolding.fold("Œuvre œ"), "oeuvre oe")
        XCTAssertEqual(TextFolding.fold("Straße ẞ"), "strasse ss")
        XCTAssertEqual(TextFolding.fold("ı"), "i")
    }

    func testPunctuationAndSpaces() {
        XCTAssertEqual(TextFolding.fold("l’ONU ‘x’ ʼy"), "l'onu 'x' 'y")
        XCTAssertEqual(TextFolding.fold("“Hi”"), "\"hi\"")
        XCTAssertEqual(TextFolding.fold("a\u{00A0}b\tc\nd"), "a b c d")
        XCTAssertEqual(TextFolding.fold("US-China, 3.5%"), "us-china, 3.5%")
    }

    func testScalarsAboveTableFoldToThemselves() {
        XCTAssertEqual(TextFolding.tableLimit, 0x2500)
        XCTAssertEqual(TextFolding.fold("ＤＥＦ"), "ＤＥＦ")  // fullwidth, not lowercased
        XCTAssertEqual(TextFolding.fold("東京"), "東京")
        XCTAssertEqual(TextFolding.fold("😀"), "😀")
    }

    func testWordScalars() {
        for s: Unicode.Scalar in ["a", "Z", "é", "7", "\u{301}", "\u{323}", "ʼ".unicodeScalars.first!, "東"] where s != "ʼ" {
            XCTAssertTrue(TextFolding.isWordScalar(s), "\(s)")
        }
        for s: Unicode.Scalar in [" ", "\u{A0}", "’", "ʼ", "'", "-", ".", "\u{FFFD}", "\"", "“"] {
            XCTAssertFalse(TextFolding.isWordScalar(s), "U+\(String(s.value, radix: 16))")
        }
    }

    func testTableIsConsistent() {
        for v in 0..<TextFoldTable.limit {
            let e = TextFoldTable.table[Int(v)]
            let len = TextFoldTable.length(e)
            XCTAssertLessThanOrEqual(len, 4)
            var bytes: [UInt8] = []
            var packed = TextFoldTable.bytes(e)
            for _ in 0..<len { bytes.append(UInt8(truncatingIfNeeded: packed)); packed >>= 8 }
            XCTAssertNotNil(String(validating: bytes, as: UTF8.self), "U+\(String(v, radix: 16))")
            if let s = Unicode.Scalar(v), s.properties.generalCategory == .nonspacingMark {
                XCTAssertEqual(len, 0)
                XCTAssertTrue(TextFolding.isWordScalar(s))
            }
        }
        // ASCII folds to exactly one byte.
        for v in 0..<128 { XCTAssertEqual(TextFoldTable.length(TextFoldTable.table[v]), 1) }
    }
}
