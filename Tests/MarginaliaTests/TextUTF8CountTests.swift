import XCTest
@testable import Marginalia

/// `TextUTF8.scalarCount` counts sixteen bytes at a time: it must agree with the standard
/// library's count of Unicode scalars on every length and mix of scalar widths.
final class TextUTF8CountTests: XCTestCase {
    func testCountsEveryScalarWidthAtEveryOffset() {
        let scalars: [Unicode.Scalar] = ["a", "\u{0}", "\u{7F}", "é", "\u{7FF}", "ộ", "\u{FFFD}", "😀", "\u{10FFFF}", "\u{301}"]
        var generator = SystemRandomNumberGenerator()
        // Every short length, and lengths (in scalars) past the 4,080-byte rounds of the count.
        for length in Array(0..<80) + [61, 62, 63, 124, 125, 248, 249, 500, 1000, 1020, 1021, 2040, 4079, 4080, 4081, 8200] {
            for _ in 0..<20 {
                var text = ""
                for _ in 0..<length { text.unicodeScalars.append(scalars.randomElement(using: &generator)!) }
                XCTAssertEqual(TextUTF8.scalarCount(text), text.unicodeScalars.count, "text \(Array(text.utf8))")
            }
        }
    }

    func testEveryLaneCountsUpToAFullRound() {
        // All continuation bytes (a round's lanes at their fullest), or none, around the
        // 4,080-byte round, at every alignment of the text's end.
        for count in [4078, 4079, 4080, 4081, 4082, 8160, 8161, 12_250] {
            let wide = String(repeating: "\u{7FF}", count: count / 2)     // two bytes each: half are continuations
            XCTAssertEqual(TextUTF8.scalarCount(wide), count / 2)
            let widest = String(repeating: "😀", count: count / 4 + 1)   // four bytes each
            XCTAssertEqual(TextUTF8.scalarCount(widest), count / 4 + 1)
            let ascii = String(repeating: "a", count: count)
            XCTAssertEqual(TextUTF8.scalarCount(ascii), count)
        }
    }

    func testCountsABridgedAndASubstringBackedString() {
        let text = String(repeating: "Hà Nội voted 😀. ", count: 300)
        XCTAssertEqual(TextUTF8.scalarCount(text), text.unicodeScalars.count)
        XCTAssertEqual(TextUTF8.scalarCount(String(text.dropFirst(3))), text.dropFirst(3).unicodeScalars.count)
        XCTAssertEqual(TextUTF8.scalarCount(""), 0)
    }
}
