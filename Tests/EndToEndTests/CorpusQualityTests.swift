import Foundation
import Marginalia
import XCTest

/// Precision, recall and F1 of the six topic taggers on the test split of the hand labels
/// in `Tests/Gold/news-en.tsv`. The article text is read from the shared corpus next to the
/// repository (`<root>/../shared/corpora/news-en.jsonl.gz`), never from the repository.
/// The same numbers come out of `scripts/evaluate-topics.sh test`.
final class CorpusQualityTests: XCTestCase {
    static let topics = ["defense", "agriculture", "un_votes", "diplomacy", "trade", "humanitarian"]

    /// The test-split macro-F1 reported in the README is 0.81. Issue 6 asks for 0.85, which
    /// the bundled taggers do NOT reach; this floor only stops them from getting worse.
    static let macroF1Floor = 0.80

    func testMacroF1OnTheTestSplitDoesNotFallBelowTheReportedLevel() throws {
        let corpus = Repository.newsCorpus
        guard FileManager.default.fileExists(atPath: corpus) else {
            return XCTFail("""
                The labelled corpus is missing: \(corpus). This test reads the article text from \
                ../shared/corpora/news-en.jsonl.gz next to the repository (see that folder's README \
                for how to rebuild it); it does not skip.
                """)
        }
        let gold = try GoldTable(path: Repository.path("Tests/Gold/news-en.tsv"))
        XCTAssertGreaterThanOrEqual(gold.rows.count, 80, "the issue asks for at least 80 labelled articles")
        XCTAssertEqual(Set(gold.rows.compactMap(\.split)), ["dev", "test"], "every row is in the dev or the test split")
        let testRows = gold.rows.filter { $0.split == "test" }
        XCTAssertGreaterThanOrEqual(testRows.count, 40)

        // The labelled test articles, as a JSONL file in a temporary folder.
        let wanted = Set(testRows.map(\.document))
        let directory = TemporaryDirectory()
        let input = directory.file("test.jsonl")
        var lines: [String] = []
        for line in try gunzip(corpus).split(separator: "\n") {
            guard let id = try JSONParser.parse(Array(line.utf8)).objectValue?["id"]?.stringValue, wanted.contains(id) else { continue }
            lines.append(String(line))
        }
        XCTAssertEqual(lines.count, wanted.count, "every labelled test article should be in the corpus")
        directory.write("test.jsonl", lines.joined(separator: "\n") + "\n")

        let store = directory.file("test.sqlite")
        let summary = try annotate([input], plugins: Repository.bundledPlugins, store: store)
        XCTAssertEqual(summary.errors, [])
        let fired = try firedTopics(store)

        var f1s: [Double] = []
        var table = "topic          P     R     F1\n"
        for topic in Self.topics {
            var tp = 0, fp = 0, fn = 0
            for row in testRows {
                guard let cell = row.labels[topic], cell != "?" else { continue }
                let hit = fired.contains("\(row.document) \(topic)")
                if hit && cell == "1" { tp += 1 } else if hit { fp += 1 } else if cell == "1" { fn += 1 }
            }
            let p = tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp)
            let r = tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn)
            let f1 = p + r == 0 ? 0 : 2 * p * r / (p + r)
            f1s.append(f1)
            table += topic.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: " %.2f  %.2f  %.2f\n", p, r, f1)
        }
        let macro = f1s.reduce(0, +) / Double(f1s.count)
        print(table + String(format: "macro-F1 %.2f", macro))
        XCTAssertGreaterThanOrEqual(macro, Self.macroF1Floor, "macro-F1 on the test split fell below the README's level:\n" + table)
    }
}
