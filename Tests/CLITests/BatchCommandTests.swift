import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// `marginalia annotate` and `marginalia errors` as a researcher runs them.
final class BatchCommandTests: XCTestCase {
    /// A corpus with one malformed line, and a plugin that fails on one document and loops
    /// forever on another.
    private func faultyBatch(_ directory: TemporaryDirectory) -> (input: String, plugin: String) {
        let input = directory.write("in/news.jsonl", SyntheticCorpus.jsonl(count: 3) + "{\"id\": \"broken\"\n" + SyntheticCorpus.jsonl(count: 2, from: 3))
        let plugin = directory.write("plugins/fragile.lua", """
            return {
              name = "fragile", version = "0.1", description = "fails on purpose", labels = { "fragile:seen" },
              annotate = function (doc)
                if doc.id == "n1" then error("no idea what to do with " .. doc.id) end
                if doc.id == "n4" then while true do end end
                doc:label("fragile:seen")
              end,
            }
            """)
        return (input, plugin)
    }

    func testFaultsAreRecordedSummarisedAndListedWithACommandReproducingEach() throws {
        let directory = TemporaryDirectory()
        let (input, plugin) = faultyBatch(directory)
        let store = directory.file("faults.sqlite")
        let run = try ChildProcess.run(["annotate", input, "--plugins", plugin, "--only", "fragile", "--store", store,
                                        "--max-instructions", "100000", "--quiet"])
        XCTAssertEqual(run.status, 1, "some documents failed: \(run.stderr)")
        XCTAssertTrue(run.stdout.contains("5 documents annotated"), run.stdout)
        XCTAssertTrue(run.stdout.contains("3 errors"), run.stdout)
        XCTAssertTrue(run.stdout.contains("marginalia errors --store \(store) --run 1"), run.stdout)
        XCTAssertFalse(run.stderr.contains("docs/s"), "--quiet shows no progress: \(run.stderr)")

        let listed = try ChildProcess.run(["errors", "--store", store])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let text = listed.stdout
        XCTAssertTrue(text.contains("run 1 · document · \(input):4"), text)
        XCTAssertTrue(text.contains("repro: sed -n '4p;4q' \(input) | marginalia annotate - --store /tmp/repro.sqlite"), text)
        XCTAssertTrue(text.contains("run 1 · plugin · document n1 · plugin fragile line 4"), text)
        XCTAssertTrue(text.contains("no idea what to do with n1"), text)
        XCTAssertTrue(text.contains("repro: marginalia eval --plugin \(plugin) --doc n1 --store \(store) --max-instructions 100000\n"), text)
        XCTAssertTrue(text.contains("run 1 · instruction-limit · document n4 · plugin fragile"), text)
        XCTAssertTrue(text.contains("repro: marginalia eval --plugin \(plugin) --doc n4 --store \(store) --max-instructions 100000\n"), text)
        XCTAssertTrue(text.contains("3 errors in run 1 (1 document, 1 instruction-limit, 1 plugin)"), text)

        let json = try ChildProcess.run(["errors", "--store", store, "--all", "--json"])
        let objects = try json.stdout.split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)).objectValue! }
        // In corpus order: n1 is line 2, the malformed record line 4, n4 line 6.
        XCTAssertEqual(objects.map { $0["kind"]!.stringValue! }, ["plugin", "document", "instruction-limit"])
        XCTAssertEqual(objects[0]["document"]?.stringValue, "n1")
        XCTAssertEqual(objects[0]["line"]?.doubleValue, 4)
        XCTAssertEqual(objects[0]["run"]?.doubleValue, 1)
        XCTAssertEqual(objects[0]["source"]?.stringValue, "\(input):2")
        XCTAssertEqual(objects[2]["repro"]?.stringValue, "marginalia eval --plugin \(plugin) --doc n4 --store \(store) --max-instructions 100000")
    }

    func testDefaultLimitsAreLeftOutOfTheReproAndTheLatestRunIsTheDefault() throws {
        let directory = TemporaryDirectory()
        let (input, plugin) = faultyBatch(directory)
        let store = directory.file("faults.sqlite")
        _ = try ChildProcess.run(["annotate", input, "--plugins", plugin, "--only", "fragile", "--store", store,
                                  "--max-instructions", "100000", "--quiet"])
        _ = try ChildProcess.run(["annotate", input, "--plugins", plugin, "--only", "fragile", "--store", store, "--quiet",
                                  "--max-instructions", String(200_000_000), "--force"])
        let listed = try ChildProcess.run(["errors", "--store", store]).stdout
        XCTAssertTrue(listed.contains("repro: marginalia eval --plugin \(plugin) --doc n1 --store \(store)\n"), listed)
        XCTAssertFalse(listed.contains("run 1 ·"), listed)
        XCTAssertTrue(try ChildProcess.run(["errors", "--store", store, "--run", "1"]).stdout.contains("--max-instructions 100000"))
        XCTAssertEqual(try ChildProcess.run(["errors", "--store", store, "--run", "1", "--all"]).status, 64)
    }

    func testJSONLOnStandardInputAndProgressLinesWhenNotATerminal() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("stdin.sqlite")
        let input = Data((SyntheticCorpus.jsonl(count: 20) + "not json\n").utf8)
        let run = try ChildProcess.run(["annotate", "-", "--store", store, "--plugins", Repository.path("Plugins")], input: input)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stdout.contains("20 documents annotated"), run.stdout)
        XCTAssertTrue(run.stdout.contains("<stdin>:21: malformed JSON"), run.stdout)
        // Standard error is a file here, not a terminal: plain lines, ending with the final one.
        XCTAssertTrue(run.stderr.contains("done: 21/21 docs"), run.stderr)
        XCTAssertFalse(run.stderr.contains("\r"), run.stderr)
        let listed = try ChildProcess.run(["errors", "--store", store]).stdout
        XCTAssertTrue(listed.contains("repro: sed -n '21p;21q' SAVED_STDIN.jsonl | marginalia annotate - --store /tmp/repro.sqlite"), listed)
    }

    func testJobsDefaultToTheCoresAndGzippedInputIsAnnotated() throws {
        let directory = TemporaryDirectory()
        let plain = directory.write("news.jsonl", SyntheticCorpus.jsonl(count: 30))
        XCTAssertEqual(try ChildProcess.run(program: "/usr/bin/env", ["gzip", "-k", plain]).status, 0)
        let store = directory.file("gz.sqlite")
        let run = try ChildProcess.run(["annotate", plain + ".gz", "--store", store, "--plugins", Repository.path("Plugins")])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("(\(ProcessInfo.processInfo.activeProcessorCount) job"), run.stderr)
        XCTAssertTrue(run.stdout.contains("30 documents annotated"), run.stdout)
        let plainStore = directory.file("plain.sqlite")
        XCTAssertEqual(try ChildProcess.run(["annotate", plain, "--store", plainStore, "--plugins", Repository.path("Plugins")]).status, 0)
        XCTAssertEqual(try exportJSONL(store), try exportJSONL(plainStore))
    }
}
