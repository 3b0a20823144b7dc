import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// `annotate --shard K/N`, the Slurm array defaults, and `import` combining the shards.
final class ShardCommandTests: XCTestCase {
    /// 60 made-up articles, ids in sorted order, plus the seed articles.
    private func corpus(_ directory: TemporaryDirectory) -> [String] {
        let lines = (0..<60).map { index in
            #"{"id":"g\#(String(format: "%03d", index))","text":"\#(SyntheticCorpus.text(index))"}"# + "\n"
        }
        return [directory.write("in/generated.jsonl", lines.joined()), Repository.path("seeds")]
    }

    /// Runs marginalia and asserts that it succeeded; some callers need only that.
    @discardableResult
    private func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        let result = try ChildProcess.run(arguments, environment: environment)
        XCTAssertEqual(result.status, 0, "marginalia \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    private func export(_ store: String) throws -> String {
        try run(["export", "--store", store]).stdout
    }

    func testShardsPartitionTheCorpusAndImportCombinesThemIntoTheSingleRunsExport() throws {
        let directory = TemporaryDirectory()
        let inputs = corpus(directory)
        let single = directory.file("single.sqlite")
        try run(["annotate"] + inputs + ["--store", single, "--quiet"])
        let expected = try export(single)
        XCTAssertGreaterThan(expected.split(separator: "\n").count, 100)

        var shardStores: [String] = []
        var seen: [String: Int] = [:]
        for index in 0..<3 {
            let store = directory.file("shard-\(index).sqlite")
            shardStores.append(store)
            let result = try run(["annotate"] + inputs + ["--shard", "\(index)/3", "--run-name", "nightly", "--store", store])
            XCTAssertTrue(result.stderr.contains(", shard \(index)/3 with"), result.stderr)
            for id in try SQLiteAnnotationStore(path: store).documentIDs() {
                seen[id, default: 0] += 1
                XCTAssertEqual(CorpusShard.index(of: id, count: 3), index, "\(id) is in the wrong shard")
            }
            let shardRun = try SQLiteAnnotationStore(path: store).run(id: 1)
            XCTAssertEqual(shardRun?.settings["shard"], .string("\(index)/3"))
            XCTAssertEqual(shardRun?.settings["run_name"], .string("nightly"))
        }
        // Every document is in exactly one shard, and no shard is empty.
        XCTAssertEqual(seen.count, 65)
        XCTAssertEqual(Set(seen.values), [1])
        for store in shardStores { XCTAssertGreaterThan(try SQLiteAnnotationStore(path: store).documentCount(), 5) }

        // The union of the shards' exports is the single run's export, line for line.
        let union = try shardStores.flatMap { try export($0).split(separator: "\n") }
        XCTAssertEqual(union.sorted(), expected.split(separator: "\n").sorted())

        // Combined with import, byte for byte.
        let combined = directory.file("all.sqlite")
        let imported = try run(["import"] + shardStores + ["--store", combined])
        XCTAssertTrue(imported.stdout.contains("shard-0.sqlite: "), imported.stdout)
        XCTAssertEqual(try export(combined), expected)

        // Importing again writes nothing twice: every output is already there.
        let again = try run(["import", shardStores[1], "--store", combined])
        XCTAssertTrue(again.stdout.contains(" 0 plugin outputs (0 annotations)"), again.stdout)
        XCTAssertTrue(again.stdout.contains("outputs already there"), again.stdout)
        XCTAssertEqual(try export(combined), expected)
    }

    func testAShardResumesOnItsOwn() throws {
        let directory = TemporaryDirectory()
        let inputs = corpus(directory)
        let store = directory.file("shard-1.sqlite")
        try run(["annotate"] + inputs + ["--shard", "1/2", "--store", store, "--quiet"])
        let first = try export(store)
        let again = try run(["annotate"] + inputs + ["--shard", "1/2", "--store", store, "--quiet"])
        XCTAssertTrue(again.stdout.contains(": 0 documents annotated"), again.stdout)
        XCTAssertEqual(try export(store), first)
        // The other shard of the same file is not done: a file completed by shard 1 is not skipped for shard 0.
        let other = try run(["annotate"] + inputs + ["--shard", "0/2", "--store", store, "--quiet"])
        XCTAssertFalse(other.stdout.contains(": 0 documents annotated"), other.stdout)
    }

    func testASlurmArrayTaskPicksItsShardFromTheEnvironmentAndSaysSo() throws {
        let directory = TemporaryDirectory()
        let inputs = corpus(directory)
        let fromSlurm = directory.file("slurm.sqlite")
        let slurm = try run(["annotate"] + inputs + ["--store", fromSlurm, "--quiet"],
                            environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"])
        XCTAssertTrue(slurm.stderr.contains("shard 2/4 from SLURM_ARRAY_TASK_ID=2 and SLURM_ARRAY_TASK_COUNT=4"), slurm.stderr)
        let explicit = directory.file("explicit.sqlite")
        try run(["annotate"] + inputs + ["--store", explicit, "--shard", "2/4", "--quiet"])
        XCTAssertEqual(try export(fromSlurm), try export(explicit))

        // --shard wins over the environment, silently.
        let chosen = try run(["annotate"] + inputs + ["--store", directory.file("chosen.sqlite"), "--shard", "0/1", "--quiet"],
                             environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"])
        XCTAssertFalse(chosen.stderr.contains("SLURM"), chosen.stderr)

        // A resubmitted index (sbatch --array=2 has one task) cannot name a shard: a clear error.
        let resubmitted = try ChildProcess.run(["annotate"] + inputs + ["--store", directory.file("r.sqlite")],
                                               environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "1"])
        XCTAssertEqual(resubmitted.status, 1)
        XCTAssertTrue(resubmitted.stderr.contains("pass --shard K/N"), resubmitted.stderr)
    }

    func testBadShardsAreRefusedWithAReason() throws {
        for (shard, reason) in [("3/3", "shards are numbered 0 to 2"), ("0/0", "at least 1"), ("-1/2", "numbered 0 to 1"),
                                ("1", "is not K/N"), ("a/b", "is not K/N")] {
            let result = try ChildProcess.run(["annotate", Repository.path("seeds"), "--shard=\(shard)", "--store", "/nonexistent/x.sqlite"])
            XCTAssertEqual(result.status, 64, "--shard \(shard): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(reason), "--shard \(shard): \(result.stderr)")
        }
    }
}
