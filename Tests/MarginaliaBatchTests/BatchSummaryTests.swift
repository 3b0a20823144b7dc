import Marginalia
import MarginaliaBatch
import XCTest

final class BatchSummaryTests: XCTestCase {
    /// Runs of one label are counted whole; a label that comes back later adds to its count.
    func testLabelsAreCountedAcrossRunsAndInterruptions() {
        let plugin = PluginIdentity(name: "p", version: "1", sha256: "0")
        func annotations(_ labels: [String]) -> [Annotation] {
            labels.map { Annotation(documentID: "d", label: $0, span: nil, score: 1, plugin: plugin) }
        }
        var summary = BatchSummary(runID: 1)
        summary.countLabels(of: annotations(["a", "a", "b", "a", "c", "c"]))
        summary.countLabels(of: annotations([]))
        summary.countLabels(of: annotations(["c", "a"]))
        XCTAssertEqual(summary.labelCounts, ["a": 4, "b": 1, "c": 3])
    }
}
