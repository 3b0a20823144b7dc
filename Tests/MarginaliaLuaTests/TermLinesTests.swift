import Foundation
@testable import MarginaliaLua
import XCTest

/// Term files: one term a line, trimmed; blank lines and `#` comments skipped.
final class TermLinesTests: XCTestCase {
    func testLinesAreCutAtEveryLineBreakAndTrimmed() {
        XCTAssertEqual(PluginFiles.termLines(Array("# crops\nwheat\r\n  maize \n\n\tcafé\rrice".utf8)), ["wheat", "maize", "café", "rice"])
        XCTAssertEqual(PluginFiles.termLines(Array("sorghum\u{2028}millet\u{85}teff\u{2029}\u{00A0}oats\u{00A0}".utf8)),
                       ["sorghum", "millet", "teff", "oats"])
        XCTAssertEqual(PluginFiles.termLines([]), [])
    }

    /// The byte-level trim removes exactly what Foundation's `trimmingCharacters(in: .whitespaces)`
    /// removes (the lines were trimmed that way before): every scalar alone at either end of a
    /// line, and random lines of spaces, marks, letters and comment signs.
    func testTrimmingMatchesFoundationWhitespace() {
        func foundation(_ text: String) -> [String] {
            text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).map(String.init)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        var lines: [String] = []
        for value in Array(UInt32(0)...0xFFFF) + [0x1F600, 0xE0020, 0x10FFFD] {   // every space is in the BMP
            guard let scalar = Unicode.Scalar(value), value != 0x0A, value != 0x0D, value != 0x85,
                  value != 0x2028, value != 0x2029 else { continue }
            let one = String(Character(scalar))
            lines.append(one + "x" + one)
        }
        let text = lines.joined(separator: "\n")
        XCTAssertEqual(PluginFiles.termLines(Array(text.utf8)), foundation(text))

        let alphabet: [String] = [" ", "\t", "\u{A0}", "\u{200B}", "\u{3000}", "\u{301}", "a", "é", "#", "\u{B}", "\n", "\r"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(PluginFiles.termLines(Array(text.utf8)), foundation(text), "\(Array(text.unicodeScalars))")
        }
    }
}
