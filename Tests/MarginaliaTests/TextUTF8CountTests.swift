import XCTest
@testable import Marginalia

/// `TextUTF8.scalarCount` counts eight bytes at a time: it must agree with the standard
/// library's count of Unicode scalars on every length and mix of scalar widths.
final class TextUTF8CountTests: XCTestCase {
    func testCountsEveryScalarWidthAtEveryOffset() {
        let scalars: [Unicode.Scalar] = ["a", "\u{0}", "\u{7F}", "é", "\u{7FF}", "ộ", "\u{FFFD}", "😀", "\u{10FFFF}", "\u{301}"]
        var generator = SystemRandomNumberGenerator()
        // Every short length, and lengths around the 248-byte rounds of the count.
        for length in Array(0..<80) + [61, 62, 63, 124, 125, 248, 249, 500, 1000] {
            for _ in 0..<20 {
                var text = ""
                for _ in 0..<length { text.unicodeScalars.append(scalars.randomElement(using: &generator)!) }
                XCTAssertEqual(TextUTF8.scalarCount(text), text.unicodeScalars.count, "text \(Array(text.utf8))")
            }
        }
    }

    func testCountsABridgedAndASubstringBackedString() {
        let text = String(repeating: "Hà Nội voted 😀. ", count: 300)
        XCTAssertEqual(TextUTF8.scalarCount(text), text.unicodeScalars.count)
        XCTAssertEqual(TextUTF8.scalarCount(String(text.dropFirst(3))), text.dropFirst(3).unicodeScalars.count)
        XCTAssertEqual(TextUTF8.scalarCount(""), 0)
    }
}
