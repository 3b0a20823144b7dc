import Foundation
import MarginaliaTestSupport
import XCTest

/// The annotate, store and analysis commands teach through `--help`: an overview, a
/// discussion and runnable examples.
final class CommandHelpTests: XCTestCase {
    func testAnnotateStoreAndAnalysisCommandsExplainThemselvesWithExamples() throws {
        let directory = TemporaryDirectory()
        for command in ["annotate", "errors", "show", "query", "merge", "agreement", "evaluate", "diff", "export", "import", "report", "kwic", "runs", "serve"] {
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

    /// Piped (no terminal), help fits 80 columns: usage lines are broken between options,
    /// never inside one, and no default is printed twice.
    func testHelpFitsEightyColumnsWhenPiped() throws {
        let directory = TemporaryDirectory()
        let commands = ["annotate", "errors", "show", "query", "merge", "agreement", "evaluate", "diff", "export", "import",
                        "report", "kwic", "runs", "serve", "eval", "repl", "plugins new", "plugins test", "plugins check", "plugins list",
                        "plugins info", "plugins lock"]
        for command in commands {
            let help = try marginalia(["help"] + command.split(separator: " ").map(String.init), in: directory.path,
                                      environment: ["COLUMNS": ""])
            XCTAssertEqual(help.status, 0, command)
            for line in help.stdout.split(separator: "\n") {
                XCTAssertLessThanOrEqual(line.count, 80, "\(command): \(line)")
            }
            XCTAssertFalse(help.stdout.contains("). (default:"), "\(command) says its default once")
            let usage = help.stdout.components(separatedBy: "USAGE: ")[1].components(separatedBy: "\n\n")[0]
            XCTAssertEqual(usage.filter { $0 == "[" }.count, usage.filter { $0 == "]" }.count)
            for line in usage.split(separator: "\n") {
                XCTAssertEqual(line.filter { $0 == "[" }.count, line.filter { $0 == "]" }.count, "\(command): a flag broken: \(line)")
            }
        }
    }
}
