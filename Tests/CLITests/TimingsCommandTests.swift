import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// `marginalia annotate --timings` and `marginalia runs` as a researcher runs them.
final class TimingsCommandTests: XCTestCase {
    func testTimingsArePrintedStoredListedAndComparedRunByRun() throws {
        let directory = TemporaryDirectory()
        let input = directory.write("news.jsonl", SyntheticCorpus.jsonl(count: 20))
        let store = directory.file("t.sqlite")
        let plugins = ["--plugins", Repository.path("Plugins"), "--only", "defense,agriculture"]
        let first = try ChildProcess.run(["annotate", input, "--store", store, "--quiet", "--timings", "--jobs", "1"] + plugins)
        XCTAssertEqual(first.status, 0, first.stderr)
        for stage in ["read", "worker", "plugin:defense", "plugin:agriculture", "write", "stages"] {
            XCTAssertTrue(first.stdout.contains("\n  \(stage) "), "\(stage) in:\n\(first.stdout)")
        }
        XCTAssertTrue(first.stdout.contains("CPU-s   share   documents  annotations"), first.stdout)
        XCTAssertTrue(first.stdout.contains("process: "), first.stdout)

        let plain = try ChildProcess.run(["annotate", input, "--store", store, "--quiet", "--force"] + plugins)
        XCTAssertFalse(plain.stdout.contains("CPU seconds by stage"), "only with --timings: \(plain.stdout)")
        let third = try ChildProcess.run(["annotate", input, "--store", store, "--quiet", "--timings", "--force"] + plugins)
        XCTAssertEqual(third.status, 0, third.stderr)

        let listed = try ChildProcess.run(["runs", "--store", store, "--json"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let runs = try JSONParser.parse(Array(listed.stdout.utf8)).arrayValue!.map { $0.objectValue! }
        XCTAssertEqual(runs.count, 3, listed.stdout)
        XCTAssertTrue(runs[0]["costliest"]?.stringValue?.hasSuffix("%") == true, listed.stdout)
        XCTAssertNotEqual(runs[0]["cpu_seconds"], "", listed.stdout)
        XCTAssertEqual(runs[1]["cpu_seconds"], "", "run 2 measured nothing: \(listed.stdout)")

        let shown = try ChildProcess.run(["runs", "--store", store, "--run", "1"])
        XCTAssertTrue(shown.stdout.contains("plugin:defense"), shown.stdout)
        XCTAssertTrue(shown.stdout.contains("plugins: agriculture ") && shown.stdout.contains(", defense "), shown.stdout)
        let compared = try ChildProcess.run(["runs", "--store", store, "--run", "1", "--run", "3"])
        XCTAssertEqual(compared.status, 0, compared.stderr)
        XCTAssertTrue(compared.stdout.contains("run 1 against run 3"), compared.stdout)
        XCTAssertTrue(compared.stdout.contains("  plugin:agriculture"), compared.stdout)
        let missing = try ChildProcess.run(["runs", "--store", store, "--run", "1", "--run", "2"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("run 2 has no timings"), missing.stderr)
    }
}
