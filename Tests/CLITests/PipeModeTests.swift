import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// `annotate - --emit jsonl --store none`: the pipe mode for Spark and GNU parallel.
final class PipeModeTests: XCTestCase {
    /// Made-up articles and 150 news articles, sorted by id (the order of an export).
    private func sortedCorpus() throws -> String {
        var lines = (0..<40).map { #"{"id":"g\#(String(format: "%03d", $0))","text":"\#(SyntheticCorpus.text($0))"}"# }
        lines += try gunzip(Repository.newsCorpus).split(separator: "\n").prefix(150).map(String.init)
        let keyed = try lines.map { line in (try JSONParser.parse(Array(line.utf8)).objectValue!["id"]!.stringValue!, line) }
        return keyed.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }.map { $0.1 + "\n" }.joined()
    }

    private func pipe(_ input: String, _ extra: [String] = []) throws -> CommandResult {
        try ChildProcess.run(["annotate", "-", "--emit", "jsonl", "--store", "none", "--jobs", "2"] + extra, input: Data(input.utf8))
    }

    func testThePipesOutputIsTheExportOfAStoreRun() throws {
        let directory = TemporaryDirectory()
        let input = try sortedCorpus()
        let file = directory.write("in/corpus.jsonl", input)
        let store = directory.file("run.sqlite")
        let stored = try ChildProcess.run(["annotate", file, "--store", store, "--quiet"])
        XCTAssertEqual(stored.status, 0, stored.stderr)
        let export = try ChildProcess.run(["export", "--store", store, "--format", "jsonl"])
        XCTAssertGreaterThan(export.stdout.split(separator: "\n").count, 1000)

        let piped = try pipe(input)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(piped.stdout, export.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "none"), "--store none writes no file")

        // With the documents, `import` rebuilds the store from the output alone.
        let withDocuments = try pipe(input, ["--with-documents"])
        XCTAssertEqual(withDocuments.status, 0, withDocuments.stderr)
        let rebuilt = directory.file("rebuilt.sqlite")
        let imported = try ChildProcess.run(["import", "-", "--format", "jsonl", "--store", rebuilt], input: Data(withDocuments.stdout.utf8))
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertEqual(try ChildProcess.run(["export", "--store", rebuilt]).stdout, export.stdout)
    }

    func testDocumentsComeOutInInputOrderAndFailuresGoToStandardErrorAsJSON() throws {
        let directory = TemporaryDirectory()
        let plugin = directory.write("plugins/fragile.lua", """
            return {
              name = "fragile", version = "0.1", description = "fails on purpose", labels = { "fragile:seen" },
              annotate = function (doc)
                if doc.id == "n3" then error("no idea what to do with " .. doc.id) end
                doc:label("fragile:seen")
              end,
            }
            """)
        // Reverse order, and a malformed line in the middle.
        let lines = SyntheticCorpus.jsonl(count: 12).split(separator: "\n").reversed().map { $0 + "\n" }
        let input = lines[0..<5].joined() + "{\"id\": \"broken\"\n" + lines[5...].joined()
        let result = try pipe(input, ["--plugins", plugin, "--only", "fragile"])
        XCTAssertEqual(result.status, 1, "some documents failed: \(result.stderr)")
        let documents = try result.stdout.split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)).objectValue!["document"]!.stringValue! }
        XCTAssertEqual(documents, (0..<12).reversed().filter { $0 != 3 }.map { "n\($0)" })

        let errors = result.stderr.split(separator: "\n").compactMap { try? JSONParser.parse(Array($0.utf8)).objectValue }
        XCTAssertEqual(errors.count, 2, result.stderr)
        XCTAssertEqual(errors[0]["kind"], .string("document"))
        XCTAssertEqual(errors[0]["source"], .string("<stdin>:6"))
        XCTAssertEqual(errors[1]["kind"], .string("plugin"))
        XCTAssertEqual(errors[1]["document"], .string("n3"))
        XCTAssertTrue(errors[1]["message"]?.stringValue?.contains("no idea what to do with n3") ?? false, result.stderr)
    }

    func testThePipeModeNeedsNoStoreAndSaysHowToAskForIt() throws {
        let noEmit = try ChildProcess.run(["annotate", "-", "--store", "none"], input: Data())
        XCTAssertEqual(noEmit.status, 64)
        XCTAssertTrue(noEmit.stderr.contains("pass --emit jsonl"), noEmit.stderr)
        let withStore = try ChildProcess.run(["annotate", "-", "--emit", "jsonl", "--store", "x.sqlite"], input: Data())
        XCTAssertEqual(withStore.status, 64)
        XCTAssertTrue(withStore.stderr.contains("pass --store none"), withStore.stderr)
    }
}
