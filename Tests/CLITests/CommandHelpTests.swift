import Foundation
import MarginaliaTestSupport
import XCTest

/// The annotate, store and analysis commands teach through `--help`: an overview, a
/// discussion and runnable examples.
final class CommandHelpTests: XCTestCase {
    func testAnnotateStoreAndAnalysisCommandsExplainThemselvesWithExamples() throws {
        let directory = TemporaryDirectory()
        for command in ["annotate", "errors", "show", "query", "merge", "agreement", "evaluate", "diff", "export", "import", "report", "kwic"] {
            let help = try marginalia([command, "--help"], in: directory.path)
            XCTAssertEqual(help.status, 0, command)
            XCTAssertTrue(help.stdout.hasPrefix("OVERVIEW: "), command)
            XCTAssertTrue(help.stdout.contains("\n  marginalia \(command) "), "\(command) shows an example: \(help.stdout)")
            let overview = help.stdout.components(separatedBy: "\nUSAGE:")[0]
            XCTAssertGreaterThan(overview.split(separator: "\n").count, 4, "\(command) has a discussion")
        }
        let root = try marginalia(["--help"], in: directory.path).stdout
        for command in ["merge", "agreement", "evaluate", "report", "query", "errors"] { XCTAssertTrue(root.contains("marginalia \(command)"), command) }
    }
}
