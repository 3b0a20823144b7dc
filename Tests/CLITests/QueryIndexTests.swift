import Foundation
import GRDB
@testable import Marginalia
import MarginaliaTestSupport
import XCTest

/// The query indexes (`annotations_by_label_plugin_score`, `annotations_by_plugin_label_score`,
/// `documents_by_date`, `documents_by_lang`) are left to the first query: a bulk batch drops
/// them and does not build them, further batches into the store append in bulk, and the first
/// read through them builds them all once.
/// Queries answer the same with and without them: from a read-only store, and while a bulk
/// batch is writing (which they do not build them under).
final class QueryIndexTests: XCTestCase {
    private static let all: Set = ["annotations_by_output", "annotations_by_label_plugin_score", "annotations_by_plugin_label_score",
                                   "documents_by_date", "documents_by_lang"]
    private static let writerOnly: Set = ["annotations_by_output"]
    private static let queries = [["query", "--count"], ["query", "--count", "--label", "topic:", "--min-score", "0.5"],
                                  ["query", "--count", "--plugin", "defense"], ["query", "--label", "entity:", "--limit", "20"]]

    /// The indexes of `annotations` and `documents` (not those SQLite makes for `UNIQUE`).
    private func storeIndexes(_ path: String) throws -> Set<String> {
        Set(try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('annotations', 'documents')
                AND name NOT LIKE 'sqlite_autoindex_%'
                """)
        })
    }

    private func annotate(_ input: String, _ store: String) throws {
        let result = try ChildProcess.run(["annotate", input, "--store", store, "--quiet", "--plugins", Repository.path("Plugins")])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    /// The answers of ``queries`` from the store at `path`.
    private func answers(_ path: String) throws -> [String] {
        try Self.queries.map { arguments in
            let result = try ChildProcess.run(arguments + ["--store", path])
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            XCTAssertFalse(result.stdout.isEmpty)
            return result.stdout
        }
    }

    /// A store of the whole synthetic corpus annotated in one run, queried (so indexed): the
    /// answers every other store must give.
    private func reference(in directory: TemporaryDirectory, corpus: String) throws -> [String] {
        let path = directory.file("reference.sqlite")
        try annotate(directory.write("whole.jsonl", corpus), path)
        let expected = try answers(path)
        XCTAssertEqual(try storeIndexes(path), Self.all, "built by the first query")
        return expected
    }

    /// A store `name` of 40 synthetic documents annotated in one bulk batch (so without its
    /// query indexes, as the assertion checks), and the answers of a reference store of the
    /// same corpus (indexed) that it must give.
    private func storeWithoutQueryIndexes(named name: String, in directory: TemporaryDirectory) throws -> (path: String, expected: [String]) {
        let expected = try reference(in: directory, corpus: SyntheticCorpus.jsonl(count: 40))
        let path = directory.file(name)
        try annotate(directory.write("a.jsonl", SyntheticCorpus.jsonl(count: 40)), path)
        XCTAssertEqual(try storeIndexes(path), Self.writerOnly)
        return (path, expected)
    }

    func testBulkBatchesLeaveTheQueryIndexesToTheFirstQueryWhichBuildsThemOnce() throws {
        let directory = TemporaryDirectory()
        let expected = try reference(in: directory, corpus: SyntheticCorpus.jsonl(count: 60))
        let path = directory.file("chunks.sqlite")
        let store = try SQLiteAnnotationStore(path: path)
        XCTAssertEqual(try storeIndexes(path), Self.all, "a new store has them")
        try store.beginBulkWrite()
        XCTAssertEqual(try storeIndexes(path), Self.writerOnly, "no annotations yet: only the writer's index")
        try store.finishBulkWrite()
        XCTAssertEqual(try storeIndexes(path), Self.writerOnly, "the end of a batch builds nothing")
        _ = try SQLiteAnnotationStore(path: path)
        XCTAssertEqual(try storeIndexes(path), Self.writerOnly, "nor does opening the store")

        // The corpus in two chunks, two runs: the second appends in bulk too.
        try annotate(directory.write("a.jsonl", SyntheticCorpus.jsonl(count: 30)), path)
        XCTAssertEqual(try storeIndexes(path), Self.writerOnly)
        try annotate(directory.write("b.jsonl", SyntheticCorpus.jsonl(count: 30, from: 30)), path)
        XCTAssertEqual(try storeIndexes(path), Self.writerOnly, "a batch into a store without them stays in bulk")
        let exported = try ChildProcess.run(["export", "--store", path, "--output", directory.file("chunks.jsonl")])
        XCTAssertEqual(exported.status, 0, exported.stderr)
        XCTAssertEqual(try storeIndexes(path), Self.writerOnly, "an export reads by document and builds nothing")

        XCTAssertEqual(try answers(path), expected, "the same answers as one run's")
        XCTAssertEqual(try storeIndexes(path), Self.all, "built by the first query")
        let plan = try SQLiteAnnotationStore(path: path).countQueryPlan(matching: AnnotationQuery())
        XCTAssertTrue(plan.contains { $0.hasPrefix("SCAN a USING COVERING INDEX annotations_by_") }, "\(plan)")
        try store.beginBulkWrite()
        XCTAssertEqual(try storeIndexes(path), Self.all, "a store with annotations and its indexes keeps them up to date row by row")
        try store.finishBulkWrite()
    }

    func testALanguageFilteredExportBuildsThemAndExportsWhatAnIndexedStoreDoes() throws {
        let directory = TemporaryDirectory()
        let (path, _) = try storeWithoutQueryIndexes(named: "bulk.sqlite", in: directory)
        func export(_ store: String, _ name: String) throws -> String {
            let output = directory.file(name)
            let result = try ChildProcess.run(["export", "--store", store, "--language", "en", "--output", output])
            XCTAssertEqual(result.status, 0, result.stderr)
            return try String(contentsOfFile: output, encoding: .utf8)
        }
        let exported = try export(path, "bulk.jsonl")
        XCTAssertEqual(try storeIndexes(path), Self.all, "a language filter reads through documents_by_lang, built first")
        let reference = try export(directory.file("reference.sqlite"), "reference.jsonl")
        XCTAssertFalse(exported.isEmpty)
        XCTAssertEqual(exported, reference)
    }

    func testAQueryDuringABulkBatchAnswersWithoutBuildingTheIndexesUnderIt() throws {
        let directory = TemporaryDirectory()
        let (path, expected) = try storeWithoutQueryIndexes(named: "running.sqlite", in: directory)

        // A batch begins (and stays in bulk: the indexes are missing), writes, and is still running.
        let writer = try SQLiteAnnotationStore(path: path)
        try writer.beginBulkWrite()
        let run = try writer.beginRun(RunInfo(plugins: [], params: [:], inputs: ["more"]))
        try writer.write(StoreBatch(documents: [Document(id: "later", text: "Written while queries run.")]), runID: run)
        XCTAssertTrue(BulkWriteMark.isHeld(storePath: path))

        XCTAssertEqual(try answers(path), expected, "another process answers from the table")
        let reader = try SQLiteAnnotationStore(path: path)
        let counts = try reader.countAnnotations(matching: AnnotationQuery())
        XCTAssertEqual(counts.reduce(0) { $0 + $1.count }, try reader.annotations(matching: AnnotationQuery()).count)
        XCTAssertEqual(try storeIndexes(path), Self.writerOnly, "not built under the running batch")

        try writer.write(StoreBatch(documents: [Document(id: "later2", text: "And more.")]), runID: run)
        try writer.finishBulkWrite()
        XCTAssertFalse(BulkWriteMark.isHeld(storePath: path))
        XCTAssertEqual(try reader.countAnnotations(matching: AnnotationQuery()), counts, "the same store object looks again")
        XCTAssertEqual(try storeIndexes(path), Self.all, "built once the batch has ended")
        XCTAssertEqual(try answers(path), expected)
    }

    func testAReadOnlyStoreWithoutItsQueryIndexesAnswersTheSame() throws {
        let directory = TemporaryDirectory()
        let (path, expected) = try storeWithoutQueryIndexes(named: "read-only.sqlite", in: directory)
        // A file this user may not write. Root writes anything: as root, the commands run as
        // `nobody`, from copies of the binary and plugins in the temporary folder (the clone
        // may be in a folder nobody cannot enter), and the folder takes the log nobody opens.
        XCTAssertEqual(chmod(path, 0o444), 0)
        var program = [ChildProcess.marginaliaPath]
        var plugins = Repository.path("Plugins")
        if getuid() == 0 {
            let binary = directory.file("marginalia")
            try FileManager.default.copyItem(atPath: ChildProcess.marginaliaPath, toPath: binary)
            plugins = directory.file("plugins")
            try FileManager.default.copyItem(atPath: Repository.path("Plugins"), toPath: plugins)
            XCTAssertEqual(chmod(directory.path, 0o777), 0)
            program = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary]
        }
        func run(_ arguments: [String]) throws -> CommandResult {
            try ChildProcess.run(program: program[0], Array(program.dropFirst()) + arguments)
        }
        for (arguments, answer) in zip(Self.queries, expected) {
            let result = try run(arguments + ["--store", path])
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stdout, answer, arguments.joined(separator: " "))
        }
        XCTAssertEqual(try storeIndexes(path), Self.writerOnly, "a read-only store is read without them")
        let refused = try run(["annotate", directory.file("a.jsonl"), "--store", path, "--force", "--quiet", "--plugins", plugins])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("the store is read-only"), refused.stderr)
    }

    func testOnlyALargeStoreAnnouncesTheBuild() {
        XCTAssertNil(SQLiteAnnotationStore.queryIndexAnnouncement(annotations: 999_999))
        let line = SQLiteAnnotationStore.queryIndexAnnouncement(annotations: 2_500_000)
        XCTAssertEqual(line?.hasSuffix("\n"), true)
        XCTAssertTrue(line?.contains("building the query indexes of 2500000 annotations") ?? false, line ?? "")
    }
}
