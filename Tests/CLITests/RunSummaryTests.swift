import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// What `annotate` says at the end and what `runs` lists: identical failures grouped with
/// a count and an example, `--max-errors`, counts in the right number, a missing path.
final class RunSummaryTests: XCTestCase {
    private let directory = TemporaryDirectory()

    /// 200 documents and a plugin that fails the same way on every one but `d7`.
    private func brokenBatch(documents: Int = 200) -> (input: String, plugins: String) {
        let lines = (0..<documents).map { "{\"id\":\"d\($0)\",\"text\":\"text number \($0)\"}" }
        let input = directory.write("many.jsonl", lines.joined(separator: "\n") + "\n")
        directory.write("plugins/broken.lua", """
            return {
              name = "broken", version = "0.1.0", description = "fails on purpose", labels = { "broken:ok" },
              annotate = function (doc)
                if doc.id == "d7" then error("a different failure") end
                local missing = nil
                return missing.field
              end,
            }
            """)
        return (input, directory.file("plugins"))
    }

    func testIdenticalFailuresArePrintedOnceWithACountAndAnExample() throws {
        let (input, plugins) = brokenBatch()
        let run = try marginalia(["annotate", input, "--plugins", plugins, "--only", "broken", "--store", "s.sqlite", "--quiet"],
                                 in: directory.path)
        XCTAssertEqual(run.status, 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("errors (200, 2 kinds of failure):"), run.stdout)
        let big = try XCTUnwrap(lines.first { $0.hasPrefix("  199 × plugin broken") }, run.stdout)
        XCTAssertTrue(big.hasSuffix("): plugins/broken.lua:6: attempt to index a nil value (local 'missing')"), big)
        // The example is one of the 199 (workers finish in any order), named with its line.
        let example = try XCTUnwrap(big.components(separatedBy: "(e.g. document d").dropFirst().first?.split(separator: ")").first)
        let parts = example.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let number = try XCTUnwrap(Int(parts[0]))
        XCTAssertNotEqual(number, 7)
        XCTAssertEqual(parts[1], "\(input):\(number + 1)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("  plugin broken, document d7: ") && $0.contains("a different failure") }, run.stdout)
        XCTAssertEqual(lines.filter { $0.contains("×") }.count, 1, "one line for the 199: \(run.stdout)")
    }

    func testMaxErrorsStopsARunEarly() throws {
        // Enough documents that the stop must land before the end: the queues let the worker
        // run a few hundred documents ahead of the writer, which counts the errors, so with
        // 200 documents all could be done (and recorded) before the fifth error is seen.
        let documents = 3000
        let (input, plugins) = brokenBatch(documents: documents)
        let arguments = ["annotate", input, "--plugins", plugins, "--only", "broken", "--store", "s.sqlite", "--quiet",
                         "--jobs", "1", "--batch-size", "1"]
        let run = try marginalia(arguments + ["--max-errors", "5"], in: directory.path)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stdout.contains("stopped after "), run.stdout)
        let store = try SQLiteAnnotationStore(path: directory.file("s.sqlite"))
        let recorded = try store.errors(runID: 1).count
        XCTAssertGreaterThanOrEqual(recorded, 5)
        XCTAssertLessThan(recorded, documents, "stopped before the end")
        XCTAssertEqual(try store.run(id: 1)?.status, "interrupted")
    }

    func testCountsTakeTheRightNumberAndRunsAreListed() throws {
        let corpus = ColourCorpus(in: directory)
        let one = directory.write("one.jsonl", "{\"id\":\"solo\",\"text\":\"A single red word.\"}\n")
        let first = try marginalia(["annotate", one, "--plugins", corpus.plugins, "--only", "colours", "--store", "s.sqlite",
                                    "--quiet", "--jobs", "1"], in: directory.path)
        XCTAssertTrue(first.stdout.contains("run 1: 1 document annotated, 0 already done, 1 annotation, 0 errors in "), first.stdout)
        let second = try marginalia(["annotate", corpus.input, "--plugins", corpus.plugins, "--only", "colours,shapes",
                                     "--store", "s.sqlite", "--quiet"], in: directory.path)
        XCTAssertTrue(second.stdout.contains("run 2: 4 documents annotated, 0 already done, 9 annotations, 0 errors in "), second.stdout)

        let listed = try marginalia(["runs", "--store", "s.sqlite", "--json"], in: directory.path)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let runs = try JSONParser.parse(Array(listed.stdout.utf8)).arrayValue!.map { $0.objectValue! }
        XCTAssertEqual(runs.map { $0["run"] }, [.integer(1), .integer(2)])
        XCTAssertEqual(runs[1]["plugins"], "colours 1.0.0, shapes 0.2.0")
        XCTAssertEqual(runs.map { $0["documents"] }, [.integer(1), .integer(4)])
        XCTAssertEqual(runs.map { $0["annotations"] }, [.integer(1), .integer(9)])
        XCTAssertEqual(runs.map { $0["state"] }, ["completed", "completed"])
        XCTAssertEqual(runs[1]["inputs"]?.stringValue, corpus.input)
        let table = try marginalia(["runs", "--store", "s.sqlite"], in: directory.path).stdout
        XCTAssertTrue(table.hasPrefix("2 runs\nrun  started"), table)
    }

    func testAnnotateWithoutAPathIsAUsageError() throws {
        let run = try marginalia(["annotate", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(run.status, 64)
        XCTAssertTrue(run.stderr.contains("Missing expected argument '<path> ...'"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Usage: marginalia annotate"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("s.sqlite")), "no run, no store")
    }
}
