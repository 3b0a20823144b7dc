import Marginalia
import XCTest

/// The gold TSV: `?` cells are not scored, and every malformed line is reported with the
/// file and line.
final class GoldTableTests: XCTestCase {
    func testParsesCommentsHeaderAndCells() throws {
        let gold = try GoldTable.parse("# hand labels\n\ndocument\tdefense\tun.vote\nd1\t1\t?\nd2\t0\t1\n", file: "gold.tsv")
        XCTAssertEqual(gold.labels, ["topic:defense", "un.vote"], "plain columns are topics; labels are kept")
        XCTAssertEqual(gold.rows.map(\.documentID), ["d1", "d2"])
        XCTAssertEqual(gold.rows.map(\.line), [4, 5])
        XCTAssertEqual(gold.rows[0].cells["topic:defense"], .some(true))
        XCTAssertEqual(gold.rows[0].cells["un.vote"], .some(nil), "? is present but not scored")
        XCTAssertEqual(gold.rows[1].cells["topic:defense"], .some(false))
    }

    func testTheSeedGoldFileParses() throws {
        let text = try String(contentsOfFile: Self.repository + "/seeds/gold.tsv", encoding: .utf8)
        let gold = try GoldTable.parse(text, file: "seeds/gold.tsv")
        XCTAssertEqual(gold.rows.count, 5)
        XCTAssertEqual(gold.labels.first, "topic:defense")
    }

    func testASplitColumnIsNotALabelAndChoosesRows() throws {
        let gold = try GoldTable.parse("document\tsplit\tdefense\nd1\tdev\t1\nd2\ttest\t0\nd3\tdev\t?\n", file: "g.tsv")
        XCTAssertEqual(gold.labels, ["topic:defense"])
        XCTAssertEqual(gold.rows.map(\.split), ["dev", "test", "dev"])
        XCTAssertEqual(try gold.inSplit("dev").rows.map(\.documentID), ["d1", "d3"])
        XCTAssertThrowsError(try gold.inSplit("train")) { XCTAssertEqual("\($0)", "g.tsv: no row in split 'train'; the splits are dev, test") }
        let plain = try GoldTable.parse("document\tdefense\nd1\t1\n", file: "p.tsv")
        XCTAssertThrowsError(try plain.inSplit("dev")) { XCTAssertEqual("\($0)", "p.tsv: no 'split' column to choose split 'dev' from") }
    }

    func testTheCorpusGoldFileParsesWithItsSplits() throws {
        let text = try String(contentsOfFile: Self.repository + "/Tests/Gold/news-en.tsv", encoding: .utf8)
        let gold = try GoldTable.parse(text, file: "Tests/Gold/news-en.tsv")
        XCTAssertFalse(gold.labels.contains("topic:split"))
        let splits = Set(gold.rows.compactMap(\.split))
        XCTAssertTrue(splits.isSuperset(of: ["dev", "test"]), "\(splits)")
        XCTAssertEqual(try splits.map { try gold.inSplit($0).rows.count }.reduce(0, +), gold.rows.count, "every row is in one split")
    }

    func testMalformedLinesNameFileAndLine() {
        func error(_ text: String) -> String {
            do { _ = try GoldTable.parse(text, file: "g.tsv"); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(error("document\tdefense\nd1\tyes\n"), "g.tsv:2: cell 'yes' in column defense: use 1, 0 or ?")
        XCTAssertEqual(error("document\tdefense\tagriculture\nd1\t1\n"), "g.tsv:2: 2 tab-separated fields, the header has 3")
        XCTAssertEqual(error("document\tdefense\nd1\t1\nd1\t0\n"), "g.tsv:3: document 'd1' already has a row on line 2")
        XCTAssertEqual(error("# only a comment\nid\tdefense\n"), "g.tsv:2: expected the header 'document<TAB>topic<TAB>…'")
        XCTAssertEqual(error("# nothing\n"), "g.tsv: no header line 'document<TAB>topic…'")
    }

    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
        return url.path
    }()
}
