import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// `export` filters in every format, the wider CSV, and `show --plugin --label`, on a small
/// dated corpus tagged by two plugins.
final class ExportFilterTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        let corpus = ColourCorpus(in: directory)
        try run(["annotate", corpus.input, "--plugins", corpus.plugins, "--only", "colours,shapes", "--quiet"])
    }

    override func tearDown() { directory = nil }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let result = try marginalia(arguments + ["--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(result.status, 0, "marginalia \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    private func lines(_ arguments: [String]) throws -> [JSONValue] {
        try run(arguments).split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)) }
    }

    /// Each filter keeps exactly the unfiltered export's lines that it should, in the same order.
    func testEachFilterKeepsTheMatchingLinesOfTheWholeExport() throws {
        let all = try lines(["export"])
        XCTAssertEqual(all.count, 9, "5 colour words, 1 topic label (c1), 3 shape words")
        func field(_ line: JSONValue, _ name: String) -> String? { line.objectValue?[name]?.stringValue }
        let dates = Dictionary(uniqueKeysWithValues: ColourCorpus.documents.map { ($0.id, $0.date) })
        let cases: [([String], (JSONValue) -> Bool)] = [
            (["--plugin", "shapes"], { field($0, "plugin") == "shapes" }),
            (["--plugin", "colours@1.0.0"], { field($0, "plugin") == "colours" }),
            (["--label", "topic:"], { field($0, "label")!.hasPrefix("topic:") }),
            (["--label", "colour.word,shape.word", "--plugin", "shapes"], { field($0, "label") == "shape.word" }),
            (["--from", "2016-02-01"], { dates[field($0, "document")!]! >= "2016-02-01" }),
            (["--from", "2016-01-06", "--to", "2016-12-31"], { (dates[field($0, "document")!]!).hasPrefix("2016-0") && field($0, "document") != "c1" }),
            (["--document", "c3"], { field($0, "document") == "c3" }),
            (["--language", "fr"], { field($0, "document") == "c3" }),
        ]
        for (filter, keeps) in cases {
            let filtered = try lines(["export"] + filter)
            XCTAssertEqual(filtered, all.filter(keeps), "export \(filter.joined(separator: " "))")
            XCTAssertFalse(filtered.isEmpty, "\(filter)")
        }
    }

    func testWithDocumentsWritesOnlyTheDocumentsAFilterKeeps() throws {
        let byDate = try lines(["export", "--with-documents", "--from", "2016-12-01"])
        XCTAssertEqual(byDate.map { $0.objectValue!["document"]!.stringValue! }, ["c4"], "a date slice keeps its unannotated document")
        let byPlugin = try lines(["export", "--with-documents", "--plugin", "shapes"])
        let documents = byPlugin.filter { $0.objectValue!["kind"] == "document" }.map { $0.objectValue!["document"]!.stringValue! }
        XCTAssertEqual(documents, ["c1", "c3"], "documents without a shape are left out")
    }

    func testW3CAndBratTakeTheFiltersToo() throws {
        let w3c = try JSONParser.parse(Array(run(["export", "--format", "w3c", "--label", "shape.word"]).utf8))
        XCTAssertEqual(w3c.objectValue?["total"], .integer(3))
        let said = try marginalia(["export", "--format", "brat", "--output", "brat", "--document", "c1", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(said.stderr, "1 document written to brat\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.file("brat")).sorted(), ["annotation.conf", "c1.ann", "c1.txt"])
    }

    func testCSVHasDocumentMetadataAndAColumnPerFeature() throws {
        let rows = try run(["export", "--format", "csv"]).split(separator: "\n").map(String.init)
        XCTAssertEqual(rows[0], "document,label,start,end,text,score,plugin,plugin_version,plugin_sha256,features,"
                       + "date,language,source,input,title,feature.colour,feature.length,feature.sides,feature.words")
        let c3 = try XCTUnwrap(rows.first { $0.hasPrefix("c3,colour.word,") })
        XCTAssertTrue(c3.hasSuffix(",\"{\"\"colour\"\":\"\"rouge\"\",\"\"length\"\":5}\",2016-03-15,fr,,"
                                   + directory.file("colours.jsonl") + ":3,Rouge,rouge,5,,"), c3)
        let onlyShapes = try run(["export", "--format", "csv", "--plugin", "shapes"]).split(separator: "\n")
        XCTAssertTrue(onlyShapes[0].hasSuffix(",title,feature.sides"), "columns of the features exported: \(onlyShapes[0])")
        XCTAssertEqual(onlyShapes.count, 4)
    }

    func testBadFiltersAreClearErrorsOrWarnings() throws {
        let plugin = try marginalia(["export", "--plugin", "colors", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(plugin.status, 1)
        XCTAssertEqual(plugin.stderr, "Error: no plugin 'colors' in the store; it has colours@1.0.0, shapes@0.2.0\n")
        let date = try marginalia(["export", "--from", "05/01/2016", "--store", "s.sqlite"], in: directory.path)
        XCTAssertTrue(date.stderr.contains("--from takes a date YYYY-MM-DD"), date.stderr)
        let label = try marginalia(["export", "--label", "colour.words", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(label.status, 0)
        XCTAssertEqual(label.stdout, "")
        XCTAssertTrue(label.stderr.hasPrefix("warning: no label in the store matches 'colour.words'; the labels are colour.word, "), label.stderr)
    }

    func testShowFiltersByPluginAndLabelAndNamesVersions() throws {
        let shown = try marginalia(["show", "c1", "--plugin", "shapes@0.2.0", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.contains("shape.word  1.00  shapes 0.2.0  “square”"), shown.stdout)
        XCTAssertFalse(shown.stdout.contains("colour.word"), shown.stdout)
        XCTAssertEqual(shown.stderr, "")
        let missing = try marginalia(["show", "c2", "--label", "shape.word", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(missing.stderr, "warning: label 'shape.word' matches nothing on this document; its labels are colour.word\n")
        let wrongPlugin = try marginalia(["show", "c1", "--label", "topic:", "--plugin", "shapes", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(wrongPlugin.stderr, "warning: label 'topic:' has no annotation of plugin 'shapes' on this document; "
                       + "its labels are colour.word, shape.word, topic:colour\n")
    }
}
