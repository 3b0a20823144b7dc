import Foundation
import GRDB
@testable import Marginalia
import XCTest

/// A bulk write copies SQLite's log back into the database file on a thread of its own
/// (``WALCheckpointer``): the writer's automatic checkpoint is off while it runs and on again
/// after it, every committed page is in the file when the batch ends, and the thread's CPU
/// seconds are reported.
final class StoreCheckpointTests: XCTestCase {
    func testABulkWriteCheckpointsOnItsOwnThreadAndTheWriterCheckpointsAgainAfterIt() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        XCTAssertEqual(store.automaticCheckpointPages, 250, "about 4 MB of 16 KiB pages")
        XCTAssertEqual(try store.writerPragma("wal_autocheckpoint"), store.automaticCheckpointPages)
        try store.beginBulkWrite()
        XCTAssertEqual(try store.writerPragma("wal_autocheckpoint"), 0, "the writer leaves checkpoints to the thread")
        let run = try store.beginRun(RunInfo(plugins: [], params: [:], inputs: ["fixture"]))
        for batch in 0..<20 {
            let documents = (0..<50).map { Document(id: "d\(batch)-\($0)", text: String(repeating: "Tanks rolled in. ", count: 200)) }
            try store.write(StoreBatch(documents: documents), runID: run)
        }
        try store.finishBulkWrite()
        XCTAssertEqual(try store.writerPragma("wal_autocheckpoint"), store.automaticCheckpointPages)
        XCTAssertGreaterThan(store.backgroundCPUSeconds, 0, "the thread's CPU seconds are counted")

        // Every committed page is in the database file itself, not only in the log.
        let pages = try store.database.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0) * (try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
        }
        let fileSize = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int)
        XCTAssertEqual(fileSize, pages, "the last checkpoint copied the whole log")
        let logSize = try FileManager.default.attributesOfItem(atPath: store.path + "-wal")[.size] as? Int
        XCTAssertEqual(logSize, 0, "and truncated it: the batch leaves no log behind")
        XCTAssertEqual(try store.documentCount(), 1000)
        XCTAssertTrue(store.check().isHealthy)
    }
}
