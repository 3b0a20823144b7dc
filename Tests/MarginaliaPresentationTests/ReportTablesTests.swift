import Marginalia
import MarginaliaPresentation
import XCTest

/// The tables `evaluate`, `agree` and `diff` print (text, `--csv`, `--json`), from reports
/// whose numbers are given here (`MarginaliaTests` checks that the core computes them).
final class ReportTablesTests: XCTestCase {
    static let a = PluginIdentity(name: "a", version: "1.0", sha256: "aa")
    static let b = PluginIdentity(name: "b", version: "1.0", sha256: "bb")
    static let c = PluginIdentity(name: "c", version: "1.0", sha256: "cc")

    func testEvaluationScoresEndWithMacroAndMistakesListTheirOffsets() {
        let report = EvaluationReport(
            labels: [("defense", PrecisionRecall(truePositives: 1, falsePositives: 1, falseNegatives: 0)),
                     ("un.vote", PrecisionRecall(truePositives: 1))],
            mistakes: [.init(documentID: "d2", label: "defense", kind: .falsePositive),
                       .init(documentID: "d1", label: "defense.term", kind: .falseNegative, start: 10, end: 18)])
        let tables = report.tables()
        XCTAssertEqual(tables[0].columns, ["label", "tp", "fp", "fn", "precision", "recall", "f1"])
        XCTAssertEqual(tables[0].rows, [["defense", "1", "1", "0", "0.500", "1.000", "0.667"],
                                        ["un.vote", "1", "0", "0", "1.000", "1.000", "1.000"],
                                        ["macro", "", "", "", "0.750", "1.000", "0.833"]])
        XCTAssertEqual(tables[1].rows, [["d1", "FN", "defense.term", "10", "18"], ["d2", "FP", "defense", "", ""]])
    }

    /// a and b: κ = (0.5 − 0.625) ÷ 0.375 = −⅓ on one shared label; spans P ⅓, R ½.
    func testAgreementTextAndCSVCarryTheSameNumbers() {
        let report = AgreementReport(
            documents: 4,
            coverage: [.init(plugin: Self.a, documentsLabelled: 3, coverage: 0.75), .init(plugin: Self.c, documentsLabelled: 1, coverage: 0.25)],
            pairs: [.init(first: Self.a, second: Self.b, sharedLabels: ["topic:x"],
                          kappa: CohenKappa(bothYes: 2, onlyFirst: 1, onlySecond: 1, bothNo: 0), sharedSpanLabels: ["term"],
                          exactSpans: PrecisionRecall(truePositives: 1, falsePositives: 2, falseNegatives: 1), overlapSpanF1: 0.8),
                    .init(first: Self.a, second: Self.c, sharedLabels: [], kappa: CohenKappa(bothYes: 0, onlyFirst: 0, onlySecond: 0, bothNo: 0),
                          sharedSpanLabels: [], exactSpans: PrecisionRecall(), overlapSpanF1: nil)])
        let text = report.tables().map { $0.text() }.joined()
        XCTAssertTrue(text.contains("coverage (4 documents)"), text)
        XCTAssertTrue(text.contains("-0.333"), text)
        XCTAssertEqual(report.tables()[0].csv().split(separator: "\n"), ["plugin,documents_labelled,coverage", "a@1.0,3,0.750", "c@1.0,1,0.250"])
        let csv = report.tables()[1].csv().split(separator: "\n")
        XCTAssertEqual(csv[0], "first,second,shared_labels,overlap,conflict,kappa,shared_span_labels,span_exact_f1,span_overlap_f1")
        XCTAssertEqual(csv[1], "a@1.0,b@1.0,1,2,2,-0.333,1,0.400,0.800")
        XCTAssertEqual(csv[2], "a@1.0,c@1.0,0,0,0,n/a,0,n/a,n/a", "no shared labels: n/a, not 0")
    }

    func testVersionDiffPerLabelAndPerDocument() {
        func annotation(_ document: String, _ label: String, _ score: Double, span: Span? = nil, version: String) -> Annotation {
            Annotation(documentID: document, label: label, span: span, score: score,
                       plugin: PluginIdentity(name: "t", version: version, sha256: version))
        }
        let tanks = Span(byteStart: 0, byteEnd: 5, codePointStart: 0, codePointEnd: 5)
        let border = Span(byteStart: 28, byteEnd: 34, codePointStart: 28, codePointEnd: 34)
        let diff = VersionDiff(before: [annotation("d1", "topic:x", 0.5, version: "1"), annotation("d1", "term", 1, span: tanks, version: "1")],
                               after: [annotation("d1", "topic:x", 0.9, version: "2"), annotation("d1", "term", 1, span: tanks, version: "2"),
                                       annotation("d2", "term", 1, span: border, version: "2")])
        let tables = diff.tables()
        XCTAssertEqual(tables[0].title, "changes per label (1 unchanged)")
        XCTAssertEqual(tables[0].rows, [["term", "1", "0", "0"], ["topic:x", "0", "0", "1"]])
        XCTAssertEqual(tables[1].rows, [["d1", "rescored", "topic:x", "", "", "0.5", "0.9"], ["d2", "added", "term", "28", "34", "", "1"]])
    }
}
