import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// `marginalia kwic`: concordance lines read back from the corpus, aligned, CSV and JSON.
final class KWICCommandTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        let corpus = ColourCorpus(in: directory)
        let annotate = try marginalia(["annotate", corpus.input, "--plugins", corpus.plugins, "--only", "colours,shapes",
                                       "--quiet", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(annotate.status, 0, annotate.stderr)
    }

    override func tearDown() { directory = nil }

    private func kwic(_ arguments: [String]) throws -> CommandResult {
        try marginalia(["kwic"] + arguments + ["--store", "s.sqlite"], in: directory.path)
    }

    func testJSONLinesHoldTheContextsOfEverySpan() throws {
        let result = try kwic(["--label", "colour.word", "--width", "12", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try JSONParser.parse(Array(result.stdout.utf8)).arrayValue!.map { $0.objectValue! }
        XCTAssertEqual(lines.count, 5, "red, blue, red in c1; green in c2; rouge in c3")
        let blue = try XCTUnwrap(lines.first { $0["hit"] == "blue" })
        XCTAssertEqual(blue["left"], "at beside a ", "12 characters before")
        XCTAssertEqual(blue["right"], " circle. The", "12 characters after")
        XCTAssertEqual(blue["document"], "c1")
        XCTAssertEqual(blue["start"], .integer(26))
        // Every hit is the corpus text at its offsets.
        let texts = Dictionary(uniqueKeysWithValues: ColourCorpus.documents.map { ($0.id, Array($0.text.unicodeScalars)) })
        for line in lines {
            let text = texts[line["document"]!.stringValue!]!
            let range = Int(line["start"]!.doubleValue!)..<Int(line["end"]!.doubleValue!)
            XCTAssertEqual(String(String.UnicodeScalarView(text[range])), line["hit"]!.stringValue!)
        }
    }

    func testAlignedLinesPutEveryHitInOneColumnAndLimitCounts() throws {
        let result = try kwic(["--label", "colour.word,shape.word", "--plugin", "colours", "--width", "10", "--limit", "3"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines, ["c1          A   red    square sa",
                               "c1   beside a   blue   circle. T",
                               "c1  rcle. The   red    one won."], "the first 3 colour words; the shapes left out")
    }

    func testCSVForPandasAndAWarningWhenNothingMatches() throws {
        let csv = try kwic(["--label", "shape.word", "--csv"]).stdout.split(separator: "\n")
        XCTAssertEqual(csv.first, "document,start,end,label,plugin,version,score,left,hit,right")
        XCTAssertEqual(csv.count, 4)
        let none = try kwic(["--label", "topic:colour"])
        XCTAssertEqual(none.status, 0)
        XCTAssertEqual(none.stderr, "warning: no span of topic:colour (document labels have no context)\n")
        let typo = try kwic(["--label", "colour.wrd"])
        XCTAssertTrue(typo.stderr.hasPrefix("warning: no label in the store matches 'colour.wrd'; the labels are colour.word"), typo.stderr)
    }
}
