import Marginalia
import XCTest

/// Coverage, overlap, conflict, kappa and span F1 on a store whose numbers are worked out
/// by hand, and the three renderings (table, JSON, CSV).
final class AgreementReportTests: XCTestCase {
    /// a and b both label `topic:x`: a on d1 d2 d3, b on d1 d2 d4 (2 both, 1 each, 0 neither:
    /// κ = (0.5 − 0.625) ÷ 0.375 = −⅓). c labels only `topic:y`. Spans of `term` on d1:
    /// a [0,4) [10,15); b [0,4) [11,15) [20,25).
    private func fixture() throws -> StoreFixture {
        let f = try StoreFixture()
        let text = "Tanks and missiles near the border today."
        try f.add(documents: [("d1", text, nil, "en"), ("d2", text, nil, "en"), ("d3", text, nil, "en"), ("d4", text, nil, "en")])
        let a = StoreFixture.plugin("a"), b = StoreFixture.plugin("b"), c = StoreFixture.plugin("c")
        try f.output(a, on: "d1", labels: [("topic:x", 0.9)], spans: [("term", 0, 4, 1), ("term", 10, 15, 1)])
        try f.output(a, on: "d2", labels: [("topic:x", 0.9)])
        try f.output(a, on: "d3", labels: [("topic:x", 0.9)])
        try f.output(b, on: "d1", labels: [("topic:x", 0.5)], spans: [("term", 0, 4, 1), ("term", 11, 15, 1), ("term", 20, 25, 1)])
        try f.output(b, on: "d2", labels: [("topic:x", 0.5)])
        try f.output(b, on: "d3", labels: [])
        try f.output(b, on: "d4", labels: [("topic:x", 0.5)])
        try f.output(c, on: "d1", labels: [("topic:y", 1)])
        return f
    }

    func testCoverageIsTheShareOfDocumentsWithADocumentLabel() throws {
        let report = try AgreementReport.compute(store: fixture().store, labels: .all)
        XCTAssertEqual(report.documents, 4)
        XCTAssertEqual(report.coverage.map(\.plugin.name), ["a", "b", "c"])
        XCTAssertEqual(report.coverage.map(\.documentsLabelled), [3, 3, 1])
        XCTAssertEqual(report.coverage.map(\.coverage), [0.75, 0.75, 0.25])
    }

    func testOverlapConflictAndKappaOnSharedDocumentLabels() throws {
        let report = try AgreementReport.compute(store: fixture().store, labels: .all)
        XCTAssertEqual(report.pairs.map { "\($0.first.name)-\($0.second.name)" }, ["a-b", "a-c", "b-c"])
        let ab = report.pairs[0]
        XCTAssertEqual(ab.sharedLabels, ["topic:x"])
        XCTAssertEqual(ab.overlap, 2)
        XCTAssertEqual(ab.conflict, 2)
        XCTAssertEqual(try XCTUnwrap(ab.kappa.value), -1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(report.pairs[1].sharedLabels, [], "a and c share no label")
        XCTAssertNil(report.pairs[1].kappa.value)
    }

    func testSpanAgreementExactAndOverlapping() throws {
        let ab = try AgreementReport.compute(store: fixture().store, labels: .all).pairs[0]
        XCTAssertEqual(ab.sharedSpanLabels, ["term"])
        // Exact: [0,4) common; b's [11,15) and [20,25) unmatched, a's [10,15) unmatched.
        XCTAssertEqual(ab.exactSpans, PrecisionRecall(truePositives: 1, falsePositives: 2, falseNegatives: 1))
        XCTAssertEqual(try XCTUnwrap(ab.exactSpans.f1), 0.4, accuracy: 1e-12)
        // Overlapping: b's precision 2/3 ([20,25) overlaps nothing), a's recall 1.
        XCTAssertEqual(try XCTUnwrap(ab.overlapSpanF1), 0.8, accuracy: 1e-12)
    }

    func testLabelSelectionAndDerivedLayers() throws {
        let f = try fixture()
        _ = try MergeJob.run(MergeOptions(policy: .max), store: f.store)
        let topics = try AgreementReport.compute(store: f.store, labels: LabelSelector("topic:"))
        XCTAssertFalse(topics.coverage.contains { $0.plugin.name == LayerName.merged }, "the merged layer is not a rater")
        XCTAssertEqual(topics.pairs[0].sharedSpanLabels, [], "spans are not selected by 'topic:'")
        XCTAssertEqual(topics.json().objectValue?["pairs"]?.arrayValue?[0].objectValue?["span_exact_f1"], .null, "undefined, not 0")
    }

    /// The numbers the presentation tests render (`AgreementReportTablesTests`) are these.
    func testJSONCarriesTheNumbersAtFullPrecision() throws {
        let report = try AgreementReport.compute(store: fixture().store, labels: .all)
        XCTAssertEqual(report.documents, 4)
        XCTAssertEqual(report.pairs.map(\.exactSpans), [PrecisionRecall(truePositives: 1, falsePositives: 2, falseNegatives: 1),
                                                       PrecisionRecall(), PrecisionRecall()])
        XCTAssertEqual(report.pairs[0].overlapSpanF1, 0.8)
        let json = try XCTUnwrap(JSONParser.parse(Array(report.json().serialized().utf8)).objectValue)
        let pair = try XCTUnwrap(json["pairs"]?.arrayValue?.first?.objectValue)
        XCTAssertEqual(try XCTUnwrap(pair["kappa"]?.doubleValue), -1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(pair["overlap"], .integer(2))
        XCTAssertEqual(pair["shared_labels"], ["topic:x"])
        XCTAssertEqual(json["coverage"]?.arrayValue?.first?.objectValue?["coverage"]?.doubleValue, 0.75)
    }
}
