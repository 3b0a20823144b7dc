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
}
