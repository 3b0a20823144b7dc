import Marginalia
import MarginaliaBatch
import MarginaliaPresentation
import XCTest

/// The summary `marginalia annotate` prints: labels, counts, and the commands that show
/// more, with the store's path quoted for the shell.
final class BatchSummaryRenderTests: XCTestCase {
    func testCountsAndTheCommandsNamingTheStore() {
        var summary = BatchSummary(runID: 7)
        summary.documentsAnnotated = 1
        summary.documentsSkipped = 5
        summary.annotations = 3
        summary.labelCounts = ["topic:defense": 2, "defense.term": 1]
        summary.filesSkipped = 1
        summary.knownErrorsInSkippedFiles = 1
        let text = summary.render(store: "my store.sqlite")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0...2], ["label          annotations", "defense.term   1", "topic:defense  2"])
        XCTAssertTrue(lines[4].hasPrefix("run 7: 1 document annotated, 5 already done, 3 annotations, 0 errors in 0.00 s"), text)
        XCTAssertEqual(lines[5], "skipped 1 input file already completed with these plugins; they hold 1 unreadable record (marginalia errors --store 'my store.sqlite' --all)")
    }

    func testShellQuotingLeavesSafeWordsAndQuotesTheRest() {
        XCTAssertEqual(ShellQuoting.quote("corpus/news.jsonl"), "corpus/news.jsonl")
        XCTAssertEqual(ShellQuoting.quote("my file's.txt"), #"'my file'\''s.txt'"#)
        XCTAssertEqual(ShellQuoting.quote(""), "''")
        XCTAssertEqual(ShellQuoting.command(["marginalia", "eval", "--doc", "a b"]), "marginalia eval --doc 'a b'")
    }
}
