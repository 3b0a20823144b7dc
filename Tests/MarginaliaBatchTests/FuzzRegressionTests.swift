import Foundation
import MarginaliaTestSupport
import XCTest

/// What the fuzzers (`scripts/fuzz.sh`) found stays found: every seed and every input kept in
/// `Fuzz/regressions/HARNESS/` is replayed through its harness (a trap, an overflow or a
/// failed round trip ends the test process, which fails the run).
final class FuzzRegressionTests: XCTestCase {
    private func inputs(_ folder: String, _ harness: FuzzHarness) -> [(String, [UInt8])] {
        let directory = Repository.path("Fuzz/\(folder)/\(harness.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().compactMap { name in
            FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(name)).map { (name, [UInt8]($0)) }
        }
    }

    func testEverySeedAndKeptCrasherReadsWithoutATrap() {
        var replayed = 0
        for harness in FuzzHarness.allCases {
            for (_, bytes) in inputs("seeds", harness) + inputs("regressions", harness) {
                harness.run(bytes)
                replayed += 1
            }
        }
        XCTAssertGreaterThanOrEqual(replayed, FuzzHarness.allCases.count, "every harness has at least a seed")
    }
}
