import Foundation
import MarginaliaTestSupport
import XCTest

/// What `annotate` does with awkward inputs: clashing ids, files it does not read, empty
/// documents and records that carry their own `source`.
final class InputRulesTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        directory.write("plugins/tanks.lua", """
            local words = marginalia.lexicon{ "tanks" }
            return {
              name = "tanks", version = "1.0", description = "tanks", labels = { "term" },
              annotate = function (doc)
                for _, m in ipairs(words:find_all(doc)) do doc:annotate(m.start, m.stop, "term") end
              end,
            }
            """)
    }

    override func tearDown() { directory = nil }

    private func annotate(_ inputs: [String]) throws -> CommandResult {
        try marginalia(["annotate"] + inputs + ["--plugins", "plugins", "--only", "tanks", "--store", "s.sqlite", "--quiet"],
                       in: directory.path)
    }

    private func documents() throws -> [[String: Any]] {
        let export = try marginalia(["export", "--with-documents", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(export.status, 0, export.stderr)
        return export.stdout.split(separator: "\n")
            .map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            .filter { $0["kind"] as? String == "document" }
    }

    func testTwoFilesWithOneIdAreAnErrorNamingBothAndTheFirstIsKept() throws {
        directory.write("in/a/dup.txt", "The first text, with tanks.\n")
        directory.write("in/b/dup.txt", "The second text, which must not replace it.\n")
        let result = try annotate(["in"])
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("in/b/dup.txt: document id 'dup' was already read from in/a/dup.txt in this run; this one is left out and the first kept"),
                      result.stdout)
        XCTAssertEqual(try documents().map { $0["text"] as? String }, ["The first text, with tanks.\n"])
    }

    func testTwoRecordsWithOneIdNameBothLines() throws {
        directory.write("in/c.jsonl", """
            {"id":"x","text":"First tanks."}
            {"id":"y","text":"Other."}
            {"id":"x","text":"Second."}

            """)
        let result = try annotate(["in/c.jsonl"])
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("in/c.jsonl:3: document id 'x' was already read from in/c.jsonl:1 in this run"), result.stdout)
        XCTAssertEqual(try documents().map { $0["text"] as? String }, ["First tanks.", "Other."])
    }

    func testFilesOfUnknownTypeInAFolderAreListedAsSkipped() throws {
        directory.write("in/a.pdf", "%PDF-1.4 tanks")
        directory.write("in/b.html", "<p>tanks</p>")
        directory.write("in/d.json", #"{"id":"j","text":"tanks"}"#)
        directory.write("in/e.txt", "Tanks again.\n")
        let result = try annotate(["in"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("1 document annotated"), result.stdout)
        XCTAssertTrue(result.stdout.contains("skipped 3 files of a type Marginalia does not read (.txt, .jsonl, .jsonl.gz, .csv, .csv.gz are read): in/a.pdf, in/b.html, in/d.json"),
                      result.stdout)
    }

    func testANamedFileOfUnknownTypeIsAnErrorWithAHint() throws {
        directory.write("d.json", #"{"id":"j","text":"tanks"}"# + "\n")
        directory.write("a.tsv", "id\ttext\nq\ttanks\n")
        directory.write("b.html", "<p>tanks</p>")
        let result = try annotate(["d.json", "a.tsv", "b.html"])
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("d.json: not a corpus file: JSON is read as JSON Lines: put one {\"id\", \"text\", …} object on each line and name the file .jsonl"),
                      result.stdout)
        XCTAssertTrue(result.stdout.contains("a.tsv: not a corpus file: Marginalia reads .txt"), result.stdout)
        XCTAssertTrue(result.stdout.contains("b.html: not a corpus file:"), result.stdout)
        XCTAssertEqual(try documents().count, 0, "the raw JSON is not stored as a document")
    }

    func testAnEmptyDocumentIsSkippedNotAnErrorAlsoWhenResuming() throws {
        directory.write("in/a.txt", "Tanks.\n")
        directory.write("in/blank.txt", "  \n\n")
        directory.write("in/c.jsonl", #"{"id":"c1","text":"More tanks."}"# + "\n" + #"{"id":"c2","text":"   "}"# + "\n")
        let first = try annotate(["in"])
        XCTAssertEqual(first.status, 0, first.stdout)
        XCTAssertTrue(first.stdout.contains("2 documents annotated, 0 already done, 2 skipped (empty), 2 annotations, 0 errors"), first.stdout)
        let again = try annotate(["in"])
        XCTAssertEqual(again.status, 0, "a resume run that does nothing succeeds: \(again.stdout)")
        XCTAssertTrue(again.stdout.contains("0 documents annotated, 2 already done, 1 skipped (empty)"), again.stdout)
    }

    func testARecordsOwnSourceIsKeptAndTheInputLocationHasItsOwnKey() throws {
        directory.write("in/c.jsonl", #"{"id":"c1","text":"Tanks.","source":"AJ","desk":"Doha"}"# + "\n")
        directory.write("in/t.txt", "Tanks.\n")
        XCTAssertEqual(try annotate(["in"]).status, 0)
        let metadata = try documents().map { $0["metadata"] as! [String: Any] }
        XCTAssertEqual(metadata[0]["source"] as? String, "AJ")
        XCTAssertEqual(metadata[0]["desk"] as? String, "Doha")
        XCTAssertEqual(metadata[0]["input"] as? String, "in/c.jsonl:1")
        XCTAssertNil(metadata[1]["source"], "a .txt file has no source of its own")
        XCTAssertEqual(metadata[1]["input"] as? String, "in/t.txt")
    }
}
