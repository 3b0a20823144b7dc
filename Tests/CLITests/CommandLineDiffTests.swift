import Foundation
import MarginaliaTestSupport
import XCTest
import Marginalia

/// `marginalia diff` on a tagger a researcher edited: version 1.0 finds "tank", version 2.0
/// also "missile" and scores the document label differently.
final class CommandLineDiffTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        directory.write("docs/a.txt", "A tank and a missile.\n")
        directory.write("docs/b.txt", "Only a tank.\n")
        try annotate(version: "1.0", words: #"{ "tank" }"#, score: "0.5", store: "s.sqlite")
        try annotate(version: "2.0", words: #"{ "tank", "missile" }"#, score: "0.9", store: "s.sqlite")
        try annotate(version: "2.0", words: #"{ "tank", "missile" }"#, score: "0.9", store: "new.sqlite")
    }

    override func tearDown() { directory = nil }

    private func annotate(version: String, words: String, score: String, store: String) throws {
        directory.write("v\(version)/weapons.lua", """
            local words = marginalia.lexicon\(words)
            return {
              name = "weapons", version = "\(version)", description = "weapon words",
              labels = { "weapon", "topic:weapons" },
              annotate = function (doc)
                local hits = words:find_all(doc)
                for _, m in ipairs(hits) do doc:annotate(m.start, m.stop, "weapon") end
                if #hits > 0 then doc:label("topic:weapons", #hits > 1 and \(score) or 0.5) end
              end,
            }
            """)
        let result = try marginalia(["annotate", "docs", "--plugins", "v\(version)", "--only", "weapons", "--quiet",
                                                   "--store", store], in: directory.path)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    private func diff(_ arguments: [String]) throws -> [String: JSONValue] {
        let result = try marginalia(["diff", "--plugin", "weapons", "--json", "--store", "s.sqlite"] + arguments, in: directory.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONParser.parse(Array(result.stdout.utf8)).objectValue)
    }

    func testTwoVersionsInOneStore() throws {
        let json = try diff(["--from", "1.0", "--to", "2.0"])
        XCTAssertEqual(json["unchanged"], .integer(3), "both tanks and b's label")
        XCTAssertEqual(json["changes"]?.arrayValue, [
            ["document": "a", "change": "rescored", "label": "topic:weapons", "before": 0.5, "after": 0.9],
            ["document": "a", "change": "added", "label": "weapon", "start": 13, "end": 20, "after": 1],
        ])
        XCTAssertEqual(json["labels"]?.arrayValue?.map { $0.objectValue!["label"]! }, ["topic:weapons", "weapon"])
        let table = try marginalia(["diff", "--plugin", "weapons", "--from", "2.0", "--to", "1.0", "--store", "s.sqlite"],
                                                 in: directory.path).stdout
        XCTAssertTrue(table.hasPrefix("changes per label (3 unchanged)\n"), table)
        let rows = table.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        XCTAssertTrue(rows.contains(["a", "removed", "weapon", "13", "20", "1"]), table)
        XCTAssertTrue(rows.contains(["a", "rescored", "topic:weapons", "0.9", "0.5"]), table)
    }

    func testOneTaggerInTwoStores() throws {
        let json = try diff(["--from", "1.0", "--to-store", "new.sqlite"])
        XCTAssertEqual(json["changes"]?.arrayValue?.count, 2)
        XCTAssertEqual(try diff(["--to-store", "new.sqlite"])["changes"]?.arrayValue, [], "latest of each store: both 2.0")
    }
}
