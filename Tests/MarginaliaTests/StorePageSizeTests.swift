import Foundation
import GRDB
@testable import Marginalia
import XCTest

/// A store this version creates has pages of 16 KiB (a quarter of the log writes of 4 KiB
/// pages); a store made earlier keeps its 4 KiB pages, is read and written as before, and
/// keeps SQLite's default checkpoint interval.
final class StorePageSizeTests: XCTestCase {
    private func pageSize(_ store: SQLiteAnnotationStore) throws -> Int? {
        try store.database.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") }
    }

    private func write(_ count: Int, into store: SQLiteAnnotationStore) throws {
        try store.beginBulkWrite()
        let run = try store.beginRun(RunInfo(plugins: [], params: [:], inputs: ["fixture"]))
        let plugin = StoreFixture.plugin("defense")
        let documents = (0..<count).map { Document(id: "d\($0)", text: "Tanks rolled in at dawn, number \($0).") }
        let outputs = documents.map { document in
            PluginOutput(documentID: document.id, textSHA256: document.textSHA256, plugin: plugin, paramsSHA256: "",
                         annotations: [Annotation(documentID: document.id, label: "defense.term",
                                                  span: Span(byteStart: 0, byteEnd: 5, codePointStart: 0, codePointEnd: 5),
                                                  score: 1, plugin: plugin)])
        }
        try store.write(StoreBatch(documents: documents, outputs: outputs), runID: run)
        try store.finishBulkWrite()
    }

    func testANewStoreHasPagesOf16KiBAndCopiesItsLogBackEvery4MB() throws {
        let fixture = try StoreFixture()
        XCTAssertEqual(try pageSize(fixture.store), 16_384)
        XCTAssertEqual(try fixture.store.writerPragma("wal_autocheckpoint"), 250)
        try write(300, into: fixture.store)
        XCTAssertEqual(try pageSize(fixture.store), 16_384)
        XCTAssertEqual(try fixture.store.documentCount(), 300)
        XCTAssertTrue(fixture.store.check().isHealthy)
    }

    func testAStoreMadeWith4KiBPagesKeepsThemAndSQLitesDefaultCheckpoint() throws {
        let directory = NSTemporaryDirectory() + "marginalia-pages-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/old.sqlite"
        // A store as an earlier version made it: 4 KiB pages, in WAL mode, with documents.
        do {
            let first = try SQLiteAnnotationStore(path: path)
            XCTAssertEqual(try pageSize(first), 16_384)
        }
        try FileManager.default.removeItem(atPath: path)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096")
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        }
        try queue.close()
        let old = try SQLiteAnnotationStore(path: path)
        try write(200, into: old)
        XCTAssertEqual(try pageSize(old), 4096, "an existing store keeps its page size")
        XCTAssertEqual(try old.writerPragma("wal_autocheckpoint"), 1000)
        XCTAssertEqual(old.automaticCheckpointPages, 1000)

        let reopened = try SQLiteAnnotationStore(path: path)
        XCTAssertEqual(try pageSize(reopened), 4096)
        XCTAssertEqual(try reopened.documentCount(), 200)
        XCTAssertEqual(try reopened.annotations(documentID: "d7").map(\.label), ["defense.term"])
        XCTAssertTrue(reopened.check().isHealthy)
    }
}
