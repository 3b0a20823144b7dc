import Foundation
import MarginaliaBatch
import MarginaliaTestSupport
import XCTest

/// The progress line: what it says, and how often it is shown on a terminal and elsewhere.
final class ProgressTests: XCTestCase {
    private func progress(done: Int, read: Int, complete: Bool = false, inputDone: Int, elapsed: Double, final: Bool = false) -> BatchProgress {
        BatchProgress(documentsDone: done, documentsRead: read, totalKnown: complete, textBytesDone: done * 2_000,
                      inputBytesRead: inputDone, inputBytesTotal: 1_000_000, errors: 3, elapsed: elapsed, isFinal: final)
    }

    func testLineShowsDoneOverEstimatedTotalSpeedsErrorsAndETA() {
        let line = progress(done: 1_234, read: 1_300, inputDone: 250_000, elapsed: 2).line
        XCTAssertEqual(line, "1,234/~5,200 docs (24%) · 617 docs/s · 1.2 MB/s · 3 errors · ETA 0:06")
        let exact = progress(done: 5_000, read: 5_000, complete: true, inputDone: 1_000_000, elapsed: 8, final: true).line
        XCTAssertEqual(exact, "5,000/5,000 docs (100%) · 625 docs/s · 1.2 MB/s · 3 errors · 8.0 s")
    }

    func testATerminalGetsOneLiveLineAndOtherStreamsPlainPeriodicLines() {
        var live = ""
        let onTerminal = ProgressReporter(live: true) { live += $0 }
        // Reports every 1/16 s for 2 s: redrawn at most ten times a second (every other one).
        for step in 0...32 { onTerminal.report(progress(done: step * 9, read: 300, inputDone: step * 1_000, elapsed: Double(step) * 0.0625)) }
        onTerminal.report(progress(done: 300, read: 300, complete: true, inputDone: 1_000_000, elapsed: 2.5, final: true))
        XCTAssertEqual(live.components(separatedBy: "\r\u{1B}[K").count - 1, 18, live.debugDescription)
        XCTAssertEqual(live.filter { $0 == "\n" }.count, 1, "one line, ended once")
        XCTAssertTrue(live.hasSuffix("\r\u{1B}[K300/300 docs (100%) · 120 docs/s · 0.2 MB/s · 3 errors · 2.5 s\n"), live)

        var plain = ""
        let inLogs = ProgressReporter(live: false, plainInterval: 10) { plain += $0 }
        for second in 0...35 { inLogs.report(progress(done: second, read: 40, inputDone: second * 100, elapsed: Double(second))) }
        inLogs.report(progress(done: 40, read: 40, complete: true, inputDone: 1_000_000, elapsed: 36, final: true))
        let lines = plain.split(separator: "\n")
        XCTAssertEqual(lines.count, 5, plain)
        XCTAssertEqual(lines.filter { $0.hasPrefix("progress: ") }.count, 4, "at 0, 10, 20 and 30 s")
        XCTAssertTrue(lines.last!.hasPrefix("done: 40/40 docs"), plain)
        XCTAssertFalse(plain.contains("\r"))
    }
}
