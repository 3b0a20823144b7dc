import Foundation
import GRDB
import Marginalia
import MarginaliaTestSupport
import XCTest

/// Killing `marginalia annotate` (a real child process) at any moment leaves a consistent
/// store, and rerunning completes the job with the export of one uninterrupted run.
final class InterruptionTests: XCTestCase {
    private static let documents = 1_500

    /// A corpus, a slow extra plugin (so that runs last long enough to be interrupted) and
    /// the arguments that annotate one with the other plus the bundled plugins.
    private func setUp(_ directory: TemporaryDirectory) -> (input: String, arguments: (String) -> [String]) {
        let input = directory.write("corpus/news.jsonl", SyntheticCorpus.jsonl(count: Self.documents))
        directory.write("slow/slow_tagger.lua", """
            local terms = marginalia.lexicon{ "tanks", "harvest", "security council", "récolte" }
            return {
              name = "slow_tagger", version = "1.0", description = "tags slowly", labels = { "slow.term", "slow:busy" },
              annotate = function (doc)
                local x = 0
                for i = 1, 60000 do x = (x + i * 7) % 1000003 end
                for _, m in ipairs(terms:find_all(doc)) do
                  doc:annotate(m.start, m.stop, "slow.term", { features = { term = m.term } })
                end
                doc:label("slow:busy", 0.5, { x = x })
              end,
            }
            """)
        let plugins = [Repository.path("Plugins"), directory.file("slow")]
        return (input, { store in ["annotate", input, "--store", store, "--jobs", "2", "--batch-size", "25", "--plugins"] + plugins })
    }

    /// Documents and plugin outputs committed in the store, as another process sees them.
    private func committed(_ store: String) throws -> (documents: Int, outputs: Int, status: [String]) {
        let queue = try DatabaseQueue(path: store)
        return try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outputs") ?? 0,
             try String.fetchAll(db, sql: "SELECT status FROM runs ORDER BY id"))
        }
    }

    /// Waits until `store` holds at least `documents` documents, or the child ended.
    private func waitUntil(_ store: String, holds documents: Int, _ child: ChildProcess) throws {
        while child.isRunning {
            if documents == 0 { return }
            if let count = try? committed(store).documents, count >= documents { return }
            usleep(5_000)
        }
    }

    /// 20 kill -9 at random points of a 2-job batch (cumulative over the reruns): after each
    /// the store is consistent, and the rerun after the last ends with the export of one
    /// uninterrupted run. The seed is printed; `MARGINALIA_KILL_SEED=N` replays a run.
    func testKillingTheProcessAtTwentyRandomPointsThenRerunningGivesTheUninterruptedExport() throws {
        let seed = ProcessInfo.processInfo.environment["MARGINALIA_KILL_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...999_999)
        print("InterruptionTests: kill points from seed \(seed) (MARGINALIA_KILL_SEED=\(seed) to replay)")
        var random = SplitMix(seed: seed)
        let directory = TemporaryDirectory()
        let (_, arguments) = setUp(directory)
        let reference = directory.file("reference.sqlite")
        let uninterrupted = try ChildProcess.run(arguments(reference))
        XCTAssertEqual(uninterrupted.status, 0, uninterrupted.stderr)
        let expected = try exportJSONL(reference)
        let complete = try committed(reference)
        XCTAssertEqual(complete.documents, Self.documents)
        let pluginsPerDocument = complete.outputs / complete.documents

        let store = directory.file("killed.sqlite")
        _ = try SQLiteAnnotationStore(path: store)   // the schema exists before the first kill
        var killedWhileRunning = 0
        // Kill points, in documents committed (cumulative, across the successive reruns),
        // each followed by a random delay of up to 40 ms so that kills land mid-transaction too.
        let points = (0..<20).map { _ in Int(random.next() % UInt64(Self.documents - 100)) }.sorted()
        for point in points {
            let delay = useconds_t(random.next() % 40_000)
            let child = try ChildProcess(arguments(store))
            try waitUntil(store, holds: point, child)
            usleep(delay)
            let wasRunning = child.isRunning
            child.signal(SIGKILL)
            let result = child.wait()
            if wasRunning && result.status == 128 + SIGKILL { killedWhileRunning += 1 }
            // Consistent: every stored document has all its plugin outputs (whole transactions).
            let state = try committed(store)
            XCTAssertEqual(state.outputs, state.documents * pluginsPerDocument, "seed \(seed): after the kill at \(point)")
            XCTAssertEqual(try exportJSONL(store).split(separator: "\n").count > 0, state.documents > 0, "seed \(seed)")
        }
        let check = try ChildProcess.run(["check", "--store", store])
        XCTAssertEqual(check.status, 0, "seed \(seed): \(check.stdout)")
        XCTAssertGreaterThanOrEqual(killedWhileRunning, 15, "seed \(seed): the runs must be killed mid-way")
        let rerun = try ChildProcess.run(arguments(store))
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertEqual(try committed(store).documents, Self.documents)
        XCTAssertEqual(try exportJSONL(store), expected, "seed \(seed): the export equals that of one uninterrupted run")
    }

    func testCtrlCStopsCleanlyWithStatus130AndARerunCompletesTheJob() throws {
        try assertStopsCleanly(on: SIGINT)
    }

    func testSIGTERMStopsCleanlyLikeCtrlC() throws {
        try assertStopsCleanly(on: SIGTERM)
    }

    private func assertStopsCleanly(on signalNumber: Int32) throws {
        let directory = TemporaryDirectory()
        let (_, arguments) = setUp(directory)
        let reference = directory.file("reference.sqlite")
        XCTAssertEqual(try ChildProcess.run(arguments(reference)).status, 0)
        let complete = try committed(reference)
        let pluginsPerDocument = complete.outputs / complete.documents

        let store = directory.file("interrupted.sqlite")
        _ = try SQLiteAnnotationStore(path: store)
        let child = try ChildProcess(arguments(store))
        try waitUntil(store, holds: 100, child)
        XCTAssertTrue(child.isRunning, "the run must still be going when interrupted")
        child.signal(signalNumber)
        let result = child.wait()
        XCTAssertEqual(result.status, 130, result.stderr)
        XCTAssertTrue(result.stderr.contains("stopping: finishing the documents in flight"), result.stderr)
        XCTAssertTrue(result.stderr.contains("interrupted: resume with the same command: marginalia annotate"), result.stderr)
        XCTAssertTrue(result.stdout.contains("run the same command again to resume"), result.stdout)
        let state = try committed(store)
        XCTAssertEqual(state.status, ["interrupted"])
        XCTAssertEqual(state.outputs, state.documents * pluginsPerDocument, "in-flight documents are committed whole")
        XCTAssertLessThan(state.documents, Self.documents)

        let rerun = try ChildProcess.run(arguments(store))
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(rerun.stdout.contains("\(state.documents) already done"), rerun.stdout)
        XCTAssertEqual(try exportJSONL(store), try exportJSONL(reference))
    }
}
