import Marginalia
import XCTest

/// Precision, recall and F1 against hand labels (TSV) and hand spans (brat), with every
/// false positive and negative by document.
final class EvaluatorTests: XCTestCase {
    static let text = "Tanks and missiles near the border today."
    //                 0    5    10      18   23  27    34    40

    private func fixture() throws -> StoreFixture {
        let f = try StoreFixture()
        try f.add(documents: [("d1", Self.text, nil, "en"), ("d2", Self.text, nil, "en"), ("d3", Self.text, nil, "en")])
        let p = StoreFixture.plugin("p"), q = StoreFixture.plugin("q")
        try f.output(p, on: "d1", labels: [("topic:defense", 0.8)], spans: [("defense.term", 0, 5, 1), ("defense.term", 28, 34, 1), ("other", 0, 5, 1)])
        try f.output(p, on: "d2", labels: [("topic:defense", 0.3)])
        try f.output(p, on: "d3", labels: [])
        try f.output(q, on: "d1", labels: [("un.vote", 1)])
        try f.output(q, on: "d2", labels: [("un.vote", 1)])
        return f
    }

    private let gold = """
        document\tdefense\tun.vote
        d1\t1\t?
        d2\t0\t1
        d3\t1\t0

        """

    private func layers(_ f: StoreFixture) throws -> [PluginIdentity] {
        LayerSelection.rawInputs(from: try f.store.layers(), allVersions: false)
    }

    func testDocumentLabelsPerLabelAndMacro() throws {
        let f = try fixture()
        let report = try Evaluator.documentLabels(gold: GoldTable.parse(gold, file: "g.tsv"), store: f.store, layers: layers(f))
        XCTAssertEqual(report.counts(for: "topic:defense"), PrecisionRecall(truePositives: 1, falsePositives: 1, falseNegatives: 1))
        XCTAssertEqual(report.counts(for: "un.vote"), PrecisionRecall(truePositives: 1, falsePositives: 0, falseNegatives: 0),
                       "d1 is '?': q's label there is not scored")
        XCTAssertEqual(try XCTUnwrap(report.macroF1), (0.5 + 1) / 2, accuracy: 1e-12)
        XCTAssertEqual(report.mistakes.map { "\($0.documentID) \($0.kind.rawValue) \($0.label)" },
                       ["d2 FP topic:defense", "d3 FN topic:defense"])
    }

    func testMinimumScoreAndLabelSelection() throws {
        let f = try fixture()
        let table = try GoldTable.parse(gold, file: "g.tsv")
        let confident = try Evaluator.documentLabels(gold: table, store: f.store, layers: layers(f), minimumScore: 0.5)
        XCTAssertEqual(confident.counts(for: "topic:defense"), PrecisionRecall(truePositives: 1, falsePositives: 0, falseNegatives: 1))
        let topics = try Evaluator.documentLabels(gold: table, store: f.store, layers: layers(f), labels: LabelSelector("topic:"))
        XCTAssertEqual(topics.labels.map(\.label), ["topic:defense"])
    }

    func testOnlyTheChosenLayersArePredictions() throws {
        let f = try fixture()
        let onlyQ = LayerSelection.matching("q", in: try f.store.layers())
        let report = try Evaluator.documentLabels(gold: GoldTable.parse(gold, file: "g.tsv"), store: f.store, layers: onlyQ)
        XCTAssertEqual(report.counts(for: "topic:defense"), PrecisionRecall(truePositives: 0, falsePositives: 0, falseNegatives: 2))
    }

    func testAGoldRowNamingAnUnknownDocumentIsAnErrorWithItsLine() throws {
        let f = try fixture()
        let table = try GoldTable.parse(gold + "d9\t1\t0\n", file: "g.tsv")
        XCTAssertThrowsError(try Evaluator.documentLabels(gold: table, store: f.store, layers: layers(f))) { error in
            XCTAssertEqual("\(error)", "g.tsv:5: unknown document 'd9': it is not in the store")
        }
    }

    func testSpansAgainstBratFilesExactMatchWithMistakeOffsets() throws {
        let f = try fixture()
        // The annotator picked brat's spelling of the label, as in an exported annotation.conf.
        try f.write("gold/d1.ann", "T1\tdefense_term 0 5\tTanks\nT2\tdefense_term 10 18\tmissiles\n")
        let collection = try BratCollection.load([f.directory + "/gold"], store: f.store)
        let report = try Evaluator.spans(gold: collection, store: f.store, layers: layers(f))
        XCTAssertEqual(report.labels.map(\.label), ["defense.term"], "'other' is not a gold label")
        XCTAssertEqual(report.counts(for: "defense.term"), PrecisionRecall(truePositives: 1, falsePositives: 1, falseNegatives: 1))
        XCTAssertEqual(report.mistakes.map { "\($0.documentID) \($0.kind.rawValue) \($0.label) \($0.start!)-\($0.end!)" },
                       ["d1 FN defense.term 10-18", "d1 FP defense.term 28-34"])
    }

    func testReportJSON() throws {
        let f = try fixture()
        let report = try Evaluator.documentLabels(gold: GoldTable.parse(gold, file: "g.tsv"), store: f.store, layers: layers(f))
        XCTAssertEqual(report.macroF1, 0.75)
        let json = try XCTUnwrap(report.json().objectValue)
        XCTAssertEqual(json["macro"]?.objectValue?["f1"]?.doubleValue, 0.75)
        XCTAssertEqual(json["mistakes"]?.arrayValue?.count, 2)
    }
}
