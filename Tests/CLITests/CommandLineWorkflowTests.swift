import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// The research workflow through the `marginalia` binary on the seed articles: annotate,
/// merge, agreement, query, evaluate, export in every format, import.
final class CommandLineWorkflowTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        try run(["annotate", Repository.path("seeds"), "--plugins", Repository.path("Plugins"),
                 "--only", "defense,agriculture,un_votes", "--quiet"])
    }

    override func tearDown() { directory = nil }

    @discardableResult
    private func run(_ arguments: [String], store: String = "s.sqlite") throws -> String {
        let result = try marginalia(arguments + ["--store", store], in: directory.path)
        XCTAssertEqual(result.status, 0, "marginalia \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    private func json(_ arguments: [String]) throws -> JSONValue {
        try JSONParser.parse(Array(run(arguments).utf8))
    }

    private func file(_ name: String) -> Data { FileManager.default.contents(atPath: directory.file(name)) ?? Data() }

    /// The raw plugin layers the bundled taggers left (`name@version`, sorted): their
    /// versions move as the taggers improve, so tests read them from the store.
    private func rawLayers() throws -> [String] {
        let store = try SQLiteAnnotationStore(path: directory.file("s.sqlite"))
        return LayerSelection.rawInputs(from: try store.layers(), allVersions: false).map(LayerMerger.key)
    }

    func testMergeWritesAProvenancedLayerAndIsIdempotent() throws {
        let raw = try run(["export"])
        let said = try run(["merge", "--policy", "vote", "--threshold", "0.5"])
        let inputs = try rawLayers()
        XCTAssertTrue(inputs.contains { $0.hasPrefix("defense@") } && inputs.contains { $0.hasPrefix("un_votes@") }, "\(inputs)")
        XCTAssertTrue(said.hasPrefix("merged \(inputs.joined(separator: ", ")) with vote(threshold=0.5) spans=join\n"), said)
        let once = try run(["export"])
        try run(["merge", "--policy", "vote", "--threshold", "0.5"])
        XCTAssertEqual(try run(["export"]), once, "merging again changes nothing")
        let rawAfter = once.split(separator: "\n").filter { !$0.contains(#""plugin":"merged""#) }.joined(separator: "\n") + "\n"
        XCTAssertEqual(rawAfter, raw, "raw annotations untouched")
        try run(["merge", "--policy", "weighted", "--weights", "defense=2,un_votes=0.5", "--labels", "topic:"])
        let layers = try json(["query", "--count", "--json", "--plugin", "merged"]).arrayValue!.compactMap { $0.objectValue?["version"]?.stringValue }
        XCTAssertEqual(Set(layers.filter { !$0.isEmpty }), ["vote(threshold=0.5) spans=join", "weighted(defense=2,un_votes=0.5) spans=join labels=topic:"])
    }

    func testAgreementInThreeShapes() throws {
        let report = try json(["agreement", "--json"]).objectValue!
        XCTAssertEqual(report["documents"], .integer(5))
        let coverage = report["coverage"]!.arrayValue!.map { $0.objectValue! }
        let layers = try rawLayers()
        XCTAssertEqual(coverage.map { $0["plugin"]!.stringValue! }, layers)
        let defense = try XCTUnwrap(coverage.first { $0["plugin"]!.stringValue!.hasPrefix("defense@") })
        XCTAssertEqual(defense["coverage"]?.doubleValue, 0.8, "defense labels 4 of the 5 seeds (SeedGoldTests, gold.tsv)")
        XCTAssertEqual(report["pairs"]?.arrayValue?.count, layers.count * (layers.count - 1) / 2)
        let csv = try run(["agreement", "--csv"])
        XCTAssertTrue(csv.hasPrefix("plugin,documents_labelled,coverage\n\(layers[0]),"), csv)
        XCTAssertTrue(csv.contains("\n\nfirst,second,shared_labels,overlap,conflict,kappa"), csv)
        XCTAssertTrue(try run(["agreement"]).hasPrefix("coverage (5 documents)\nplugin "))
    }

    func testQueryFiltersAndCountsAgreeWithTheExport() throws {
        let exported = try run(["export"]).split(separator: "\n")
        let counts = try json(["query", "--count", "--json"]).arrayValue!.map { $0.objectValue! }
        XCTAssertEqual(counts.last?["label"], "total")
        XCTAssertEqual(counts.last?["count"], .integer(Int64(exported.count)))
        let terms = try run(["query", "--label", "defense.", "--text-contains", "tank", "--csv"]).split(separator: "\n")
        XCTAssertEqual(terms.first, Substring(CSVExporter.header(featureKeys: ["term"]).dropLast()))
        XCTAssertFalse(terms.dropFirst().isEmpty)
        XCTAssertTrue(terms.dropFirst().allSatisfy { $0.contains(",defense.term,") && $0.lowercased().contains("tank") }, "\(terms)")
        let topics = try json(["query", "--label", "topic:", "--min-score", "0.5", "--json"]).arrayValue!
        XCTAssertFalse(topics.isEmpty)
        XCTAssertTrue(topics.allSatisfy { $0.objectValue!["label"]!.stringValue!.hasPrefix("topic:") && $0.objectValue!["score"]!.doubleValue! >= 0.5 })
        let one = try run(["query", "--document", "000_fac921506216631c", "--limit", "2"])
        XCTAssertTrue(one.hasPrefix("2 annotations\ndocument "), one)
    }

    func testEvaluateAgainstTheSeedGoldLabels() throws {
        let report = try json(["evaluate", "--gold", Repository.path("seeds/gold.tsv"), "--json"]).objectValue!
        let labels = Dictionary(uniqueKeysWithValues: report["labels"]!.arrayValue!.map { ($0.objectValue!["label"]!.stringValue!, $0.objectValue!) })
        XCTAssertEqual(labels["topic:defense"]?["f1"]?.doubleValue, 1, "SeedGoldTests: the defense tagger matches gold.tsv")
        XCTAssertEqual(labels["topic:diplomacy"]?["fn"], .integer(5), "no bundled tagger labels diplomacy; gold has it on all five")
        let mistakes = report["mistakes"]!.arrayValue!.map { $0.objectValue! }
        XCTAssertTrue(mistakes.contains { $0["document"] == "000_fac921506216631c" && $0["kind"] == "FN" && $0["label"] == "topic:diplomacy" })
        XCTAssertFalse(mistakes.contains { $0["label"] == "topic:trade" && $0["document"] == "000_fac921506216631c" }, "'?' is not scored")
        let table = try run(["evaluate", "--gold", Repository.path("seeds/gold.tsv"), "--labels", "topic:defense"])
        XCTAssertTrue(table.contains("topic:defense   4   0   0      1.000   1.000  1.000"), table)
    }

    func testEvaluateOneSplitOfAGoldTable() throws {
        directory.write("split.tsv", """
            document\tsplit\tdefense
            000_fac921506216631c\tdev\t1
            001_807720ca2e8041dc\ttest\t1
            002_5d20180c7dd8879e\tdev\t0

            """)
        let dev = try json(["evaluate", "--gold", "split.tsv", "--split", "dev", "--json"]).objectValue!
        let defense = try XCTUnwrap(dev["labels"]?.arrayValue?.first?.objectValue)
        XCTAssertEqual(defense["label"], "topic:defense")
        XCTAssertEqual([defense["tp"], defense["fp"], defense["fn"]], [.integer(1), .integer(0), .integer(0)], "only the two dev rows")
        let wrong = try marginalia(["evaluate", "--gold", "split.tsv", "--split", "train", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(wrong.stderr, "Error: split.tsv: no row in split 'train'; the splits are dev, test\n")
    }

    func testAMergedLayerIsNamedByItsOptionsCommasIncluded() throws {
        try run(["merge", "--policy", "weighted", "--weights", "defense=2,un_votes=0.5", "--labels", "topic:,un."])
        let weighted = "merged@weighted(defense=2,un_votes=0.5) spans=join labels=topic:,un."
        let report = try json(["evaluate", "--gold", Repository.path("seeds/gold.tsv"), "--plugin", weighted, "--json"]).objectValue!
        let defense = report["labels"]!.arrayValue!.first { $0.objectValue!["label"] == "topic:defense" }?.objectValue
        XCTAssertEqual(defense?["f1"]?.doubleValue, 1)
        try run(["merge", "--policy", "max"])
        let ambiguous = try marginalia(["evaluate", "--gold", Repository.path("seeds/gold.tsv"), "--plugin", "merged",
                                                      "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(ambiguous.stderr, "Error: the store has several merged layers; name one with --plugin 'merged@<options>': "
                       + "merged@max spans=join, \(weighted)\n")
    }

    func testEveryExportFormatIsByteForByteDeterministic() throws {
        try run(["merge", "--policy", "noisy-or"])
        for format in ["jsonl", "w3c", "csv"] {
            try run(["export", "--format", format, "--output", "a.\(format)"])
            try run(["export", "--format", format, "--output", "b.\(format)"])
            XCTAssertGreaterThan(file("a.\(format)").count, 1000, format)
            XCTAssertEqual(file("a.\(format)"), file("b.\(format)"), format)
        }
        XCTAssertEqual(try run(["export", "--format", "w3c"]), String(decoding: file("a.w3c"), as: UTF8.self), "stdout = file")
        try run(["export", "--format", "brat", "--output", "brat-a"])
        try run(["export", "--format", "brat", "--output", "brat-b"])
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.file("brat-a")).sorted()
        XCTAssertEqual(names.count, 11, "a .txt and an .ann per seed, and annotation.conf")
        for name in names { XCTAssertEqual(file("brat-a/" + name), file("brat-b/" + name), name) }
    }

    func testJSONLImportRebuildsAStoreThatExportsTheSameBytes() throws {
        try run(["merge", "--policy", "mean"])
        try run(["export", "--with-documents", "--output", "all.jsonl"])
        let said = try run(["import", "all.jsonl"], store: "copy.sqlite")
        XCTAssertTrue(said.hasPrefix("all.jsonl: 5 documents, "), said)
        try run(["export", "--with-documents", "--output", "again.jsonl"], store: "copy.sqlite")
        XCTAssertEqual(file("again.jsonl"), file("all.jsonl"))
    }

    func testBratHandAnnotationsImportAsAGoldLayerAndScoreSpans() throws {
        try run(["export", "--format", "brat", "--output", "brat"])
        let said = try run(["import", "brat", "--layer", "alice"])
        XCTAssertTrue(said.hasPrefix("5 brat files: "), said)
        let agreement = try json(["agreement", "--json"]).objectValue!
        XCTAssertTrue(agreement["coverage"]!.arrayValue!.contains { $0.objectValue!["plugin"] == "alice@brat" }, "a hand layer is a rater")
        let defenseAndAlice = agreement["pairs"]!.arrayValue!.map { $0.objectValue! }
            .first { $0["first"] == "alice@brat" && $0["second"]!.stringValue!.hasPrefix("defense@") }
        XCTAssertEqual(defenseAndAlice?["span_exact_f1"]?.doubleValue, 1, "alice's spans are the tagger's")
        let evaluation = try json(["evaluate", "--gold", "brat", "--plugin", "defense", "--json"]).objectValue!
        let labels = evaluation["labels"]!.arrayValue!.map { $0.objectValue! }
        XCTAssertEqual(labels.first { $0["label"] == "defense.term" }?["f1"]?.doubleValue, 1)
        let others = labels.filter { !$0["label"]!.stringValue!.hasPrefix("defense.") }
        XCTAssertFalse(others.isEmpty)
        XCTAssertTrue(others.allSatisfy { $0["tp"] == .integer(0) }, "the defense tagger finds only its own spans: \(others)")
    }
}
