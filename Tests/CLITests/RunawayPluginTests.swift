import Foundation
import GRDB
import Marginalia
import MarginaliaTestSupport
import XCTest

/// A plugin stuck in Lua's pattern matching (catastrophic backtracking, which never returns
/// to the VM) is stopped by `--max-seconds`, and by SIGTERM or Ctrl-C, within seconds; the
/// batch goes on with the next document and the store stays whole.
final class RunawayPluginTests: XCTestCase {
    /// `("a"):rep(3000):find(("a*"):rep(30) .. "b")` backtracks for longer than anyone waits.
    private static let stuckPlugin = """
        local subject, runaway = ("a"):rep(3000), ("a*"):rep(30) .. "b"
        return {
          name = "stuck", version = "1.0", description = "backtracks forever on some documents",
          labels = { "stuck:done" },
          annotate = function (doc)
            if not doc.id:find("^ok") then print("entering " .. doc.id) end
            if doc.id:find("^find") then
              return subject:find(runaway)
            elseif doc.id:find("^gsub") then
              return (subject:gsub(runaway, "x"))
            elseif doc.id:find("^gmatch") then
              for _ in subject:gmatch(runaway) do end
            end
            doc:label("stuck:done", 1)
          end,
        }
        """

    private func corpus(_ directory: TemporaryDirectory, ids: [String]) -> String {
        directory.write("in/docs.jsonl", ids.map { #"{"id":"\#($0)","text":"Some text for \#($0)."}"# + "\n" }.joined())
    }

    func testPatternRunawaysAreStoppedByTheTimeLimitAndNamed() throws {
        let directory = TemporaryDirectory()
        let plugin = directory.write("stuck.lua", Self.stuckPlugin)
        let input = corpus(directory, ids: ["ok1", "find1", "gsub1", "ok2"])
        let store = directory.file("s.sqlite")
        let started = Date()
        // No instruction limit: the wall clock alone must stop the matcher.
        let child = try ChildProcess(["annotate", input, "--store", store, "--plugins", plugin, "--only", "stuck",
                                      "--jobs", "2", "--max-seconds", "2", "--max-instructions", "0", "--quiet"])
        guard let result = child.wait(atMost: 60) else { return XCTFail("annotate was still running after 60 s") }
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(result.status, 1, result.stderr)     // two plugin errors, the rest stored
        XCTAssertLessThan(elapsed, 30, "two runaways of 2 s each (and a start-up)")

        let errors = try ChildProcess.run(["errors", "--store", store, "--json"]).stdout
        let records = try errors.split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)).objectValue ?? [:] }
        XCTAssertEqual(records.map { $0["kind"]?.stringValue }, ["time-limit", "time-limit"], errors)
        XCTAssertEqual(Set(records.compactMap { $0["document"]?.stringValue }), ["find1", "gsub1"])
        for record in records {
            XCTAssertEqual(record["plugin"]?.stringValue, "stuck")
            let line = record["document"]?.stringValue == "find1" ? 8 : 10   // the line in stuck.lua
            XCTAssertEqual(record["line"]?.doubleValue, Double(line), "\(record)")
            XCTAssertTrue(record["message"]?.stringValue?.contains("time limit of 2 s exceeded") == true, "\(record)")
            XCTAssertTrue(record["repro"]?.stringValue?.contains("--max-instructions 0 --max-seconds 2") == true, "\(record)")
        }
        let export = try exportJSONL(store)
        XCTAssertEqual(export.components(separatedBy: "stuck:done").count - 1, 2, "ok1 and ok2 are annotated:\n\(export)")
    }

    func testTheMarginaliaTomlSetsTheTimeLimit() throws {
        let directory = TemporaryDirectory()
        directory.write("stuck.lua", Self.stuckPlugin)
        directory.write("marginalia.toml", "plugins = [\"stuck.lua\"]\n\n[limits]\nmax_seconds = 1\n")
        let input = corpus(directory, ids: ["gmatch1"])
        guard let result = try ChildProcess(["annotate", input, "--store", "s.sqlite", "--only", "stuck", "--max-instructions", "0", "--quiet"],
                                            in: directory.path).wait(atMost: 60) else {
            return XCTFail("annotate was still running after 60 s")
        }
        XCTAssertEqual(result.status, 1, result.stderr)
        let errors = try ChildProcess.run(["errors", "--store", directory.file("s.sqlite")]).stdout
        XCTAssertTrue(errors.contains("time-limit"), errors)
        XCTAssertTrue(errors.contains("time limit of 1 s exceeded"), errors)

        directory.write("marginalia.toml", "[limits]\nmax_seconds = -1\n")
        let refused = try ChildProcess.run(["annotate", input, "--store", "t.sqlite"], in: directory.path)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("marginalia.toml:2: max_seconds must be a number of seconds"), refused.stderr)
    }

    func testSigtermAndCtrlCStopAStuckPluginWithinTenSeconds() throws {
        for signal in [SIGTERM, SIGINT] {
            let directory = TemporaryDirectory()
            let plugin = directory.write("stuck.lua", Self.stuckPlugin)
            let input = corpus(directory, ids: ["ok1", "ok2", "find1", "gsub1", "ok3"])
            let store = directory.file("s.sqlite")
            _ = try SQLiteAnnotationStore(path: store)   // the schema exists before the test reads it
            // No limits at all: only the signal can stop it.
            let child = try ChildProcess(["annotate", input, "--store", store, "--plugins", plugin, "--only", "stuck",
                                          "--jobs", "2", "--max-seconds", "0", "--max-instructions", "0"])
            try waitUntil(child, hasPrinted: ["entering find1", "entering gsub1"])
            usleep(200_000)    // both workers are in the runaway patterns now
            XCTAssertTrue(child.isRunning, "the run must still be stuck when the signal comes")
            let signalled = Date()
            child.signal(signal)
            guard let result = child.wait(atMost: 30) else { return XCTFail("signal \(signal): still running after 30 s") }
            let elapsed = Date().timeIntervalSince(signalled)
            XCTAssertLessThan(elapsed, 10, "signal \(signal)")
            XCTAssertEqual(result.status, 130, result.stderr)
            XCTAssertTrue(result.stderr.contains("interrupted: resume with the same command"), result.stderr)
            // Whole documents only: the two done are stored with their output, the stuck ones not at all.
            let queue = try DatabaseQueue(path: store)
            let (ids, outputs, status) = try queue.read { db in
                (try String.fetchAll(db, sql: "SELECT id FROM documents ORDER BY id"),
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outputs") ?? 0,
                 try String.fetchOne(db, sql: "SELECT status FROM runs ORDER BY id DESC LIMIT 1"))
            }
            XCTAssertFalse(ids.contains("find1") || ids.contains("gsub1"), "\(ids)")
            XCTAssertEqual(outputs, ids.count)
            XCTAssertEqual(status, "interrupted")
            let errors = try ChildProcess.run(["errors", "--store", store]).stdout
            XCTAssertFalse(errors.contains("interrupted"), "an interruption is not a plugin error: \(errors)")
        }
    }

    /// Waits until the child has printed every one of `lines` on standard error (or ended).
    private func waitUntil(_ child: ChildProcess, hasPrinted lines: [String]) throws {
        let deadline = Date().addingTimeInterval(60)
        while child.isRunning && Date() < deadline {
            let printed = child.errorSoFar
            if lines.allSatisfy(printed.contains) { return }
            usleep(20_000)
        }
        XCTFail("the plugin never printed \(lines): \(child.errorSoFar)")
    }
}
