import GRDB
@testable import Marginalia
import XCTest

/// A bulk write runs its writer with a small page cache (it appends, and would fill the
/// large one with pages of text it never reads again); the writer gets its full cache
/// back when the bulk write ends, also when the bulk write was not taken (an indexed store).
final class BulkWriteCacheTests: XCTestCase {
    private func writerCacheSize(_ store: SQLiteAnnotationStore) throws -> Int? {
        try store.database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
    }

    func testTheWriterHasTheSmallCacheDuringABulkWriteAndTheFullOneAfter() throws {
        let fixture = try StoreFixture()
        XCTAssertEqual(try writerCacheSize(fixture.store), -SQLiteAnnotationStore.cacheKiB)
        try fixture.store.beginBulkWrite()
        XCTAssertEqual(try writerCacheSize(fixture.store), -SQLiteAnnotationStore.bulkWriteCacheKiB)
        XCTAssertLessThan(SQLiteAnnotationStore.bulkWriteCacheKiB, SQLiteAnnotationStore.cacheKiB)
        try fixture.store.finishBulkWrite()
        XCTAssertEqual(try writerCacheSize(fixture.store), -SQLiteAnnotationStore.cacheKiB)
    }

    func testReadersKeepTheFullCacheWhileABulkWriteRuns() throws {
        let fixture = try StoreFixture()
        try fixture.store.beginBulkWrite()
        defer { try? fixture.store.finishBulkWrite() }
        let readerCache = try fixture.store.database.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
        XCTAssertEqual(readerCache, -SQLiteAnnotationStore.cacheKiB)
    }
}
