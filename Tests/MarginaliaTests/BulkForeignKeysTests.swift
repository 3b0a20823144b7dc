import GRDB
import GRDBSQLite
@testable import Marginalia
import XCTest

/// A bulk write switches the writer's foreign-key checks off once, from its beginning to its
/// end, instead of around every batch: `PRAGMA foreign_keys` expires every statement of the
/// connection each time it runs, so that each batch compiled the writer's statements again.
final class BulkForeignKeysTests: XCTestCase {
    private let plugin = StoreFixture.plugin("defense")

    /// A batch of one document with one annotated output.
    private func batch(_ id: String) -> StoreBatch {
        let document = Document(id: id, text: "Tanks rolled in at dawn.")
        let output = PluginOutput(documentID: id, textSHA256: document.textSHA256, plugin: plugin, paramsSHA256: "",
                                  annotations: [Annotation(documentID: id, label: "defense.term",
                                                           span: Span(byteStart: 0, byteEnd: 5, codePointStart: 0, codePointEnd: 5),
                                                           score: 1, plugin: plugin)])
        return StoreBatch(documents: [document], outputs: [output])
    }

    /// How many times the writer's document insert was compiled again since it was prepared.
    private func documentInsertRecompilations(_ store: SQLiteAnnotationStore) throws -> Int32 {
        try store.database.writeWithoutTransaction { db in
            sqlite3_stmt_status(try WriteStatements(db).insertDocument.sqliteStatement, SQLITE_STMTSTATUS_REPREPARE, 0)
        }
    }

    func testABulkWriteHoldsTheChecksOffUntilItEnds() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        XCTAssertEqual(try store.writerPragma("foreign_keys"), 1)
        try store.beginBulkWrite()
        XCTAssertEqual(try store.writerPragma("foreign_keys"), 0)
        let run = try store.beginRun(RunInfo(plugins: [plugin], params: [:], inputs: ["fixture"]))
        try store.write(batch("d1"), runID: run)
        XCTAssertEqual(try store.writerPragma("foreign_keys"), 0)
        try store.finishBulkWrite()
        XCTAssertEqual(try store.writerPragma("foreign_keys"), 1)
        XCTAssertTrue(store.check().isHealthy)
    }

    func testABatchOutsideABulkWriteSwitchesTheChecksBackOn() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let run = try store.beginRun(RunInfo(plugins: [plugin], params: [:], inputs: ["fixture"]))
        try store.write(batch("d1"), runID: run)
        XCTAssertEqual(try store.writerPragma("foreign_keys"), 1)
    }

    func testTheBatchesOfABulkWriteDoNotCompileTheirStatementsAgain() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let run = try store.beginRun(RunInfo(plugins: [plugin], params: [:], inputs: ["fixture"]))
        try store.beginBulkWrite()
        try store.write(batch("d1"), runID: run)
        let afterFirst = try documentInsertRecompilations(store)
        try store.write(batch("d2"), runID: run)
        try store.write(batch("d3"), runID: run)
        XCTAssertEqual(try documentInsertRecompilations(store), afterFirst)
        try store.finishBulkWrite()

        // Outside a bulk write each batch switches the checks off and on again: compiled again.
        let before = try documentInsertRecompilations(store)
        try store.write(batch("d4"), runID: run)
        XCTAssertGreaterThan(try documentInsertRecompilations(store), before)
        XCTAssertEqual(try store.documentCount(), 4)
    }
}
