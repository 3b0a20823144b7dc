import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// `annotate` on a CSV corpus and on JSONL with other field names, as a researcher has them.
final class InputFieldsCLITests: XCTestCase {
    private let directory = TemporaryDirectory()

    func testACSVCorpusWithItsOwnColumnNamesIsAnnotatedAndABadRecordNamed() throws {
        let corpus = ColourCorpus(in: directory)
        let csv = directory.write("articles.csv", "doc_id,body,date\n"
                                  + "a1,\"A red car,\nand a blue one.\",2016-05-01\n"
                                  + "a2,green,2016-05-02,oops\n")
        let run = try marginalia(["annotate", csv, "--id-column", "doc_id", "--text-column", "body", "--plugins", corpus.plugins,
                                  "--only", "colours", "--store", "s.sqlite", "--quiet"], in: directory.path)
        XCTAssertEqual(run.status, 1, "one bad record")
        XCTAssertTrue(run.stdout.contains("  \(csv):4: 4 fields where the header has 3 columns"), "a2 starts on line 4: \(run.stdout)")
        let store = try SQLiteAnnotationStore(path: directory.file("s.sqlite"))
        let document = try XCTUnwrap(try store.document(id: "a1"))
        XCTAssertEqual(document.text, "A red car,\nand a blue one.")
        XCTAssertEqual(document.metadata.date, "2016-05-01")
        XCTAssertEqual(try store.annotations(documentID: "a1").filter { $0.span != nil }.count, 2)

        let standard = try marginalia(["annotate", csv, "--plugins", corpus.plugins, "--only", "colours", "--store", "s.sqlite",
                                       "--quiet"], in: directory.path)
        XCTAssertTrue(standard.stdout.contains("\(csv):1: the header has no column \"id\" (its columns: doc_id, body, date)"),
                      "the file is read again under other columns, not skipped as done: \(standard.stdout)")
    }

    func testJSONLWithATextFieldNamedContent() throws {
        let corpus = ColourCorpus(in: directory)
        let dump = directory.write("dump.jsonl", #"{"id":"h1","content":"Only red here, and red again."}"# + "\n")
        let run = try marginalia(["annotate", dump, "--text-field", "content", "--plugins", corpus.plugins, "--only", "colours",
                                  "--store", "s.sqlite", "--quiet"], in: directory.path)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("1 document annotated"), run.stdout)
        let labels = try SQLiteAnnotationStore(path: directory.file("s.sqlite")).annotations(documentID: "h1").map(\.label)
        XCTAssertEqual(labels, ["topic:colour", "colour.word", "colour.word"])
    }
}
