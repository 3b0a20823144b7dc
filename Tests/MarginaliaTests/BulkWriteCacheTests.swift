@testable import Marginalia
import XCTest

/// A bulk write runs its writer with a small page cache (it appends, and would fill the
/// large one with pages of text it never reads again); the writer gets its full cache
/// back when the bulk write ends. A batch into an indexed store, which updates the query
/// indexes row by row, keeps the full cache throughout.
final class BulkWriteCacheTests: XCTestCase {
    func testTheWriterHasTheSmallCacheDuringABulkWriteAndTheFullOneAfter() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        XCTAssertEqual(try store.writerPragma("cache_size"), -SQLiteAnnotationStore.cacheKiB)
        try store.beginBulkWrite()
        XCTAssertEqual(try store.writerPragma("cache_size"), -SQLiteAnnotationStore.bulkWriteCacheKiB)
        XCTAssertLessThan(SQLiteAnnotationStore.bulkWriteCacheKiB, SQLiteAnnotationStore.cacheKiB)
        try store.finishBulkWrite()
        XCTAssertEqual(try store.writerPragma("cache_size"), -SQLiteAnnotationStore.cacheKiB)
    }

    func testReadersKeepTheFullCacheWhileABulkWriteRuns() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.beginBulkWrite()
        defer { try? store.finishBulkWrite() }
        let readerCache = try store.database.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
        XCTAssertEqual(readerCache, -SQLiteAnnotationStore.cacheKiB)
    }

    func testABatchIntoAnIndexedStoreKeepsTheFullCache() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let plugin = StoreFixture.plugin("defense")
        let document = Document(id: "d1", text: "Tanks rolled in at dawn.")
        let output = PluginOutput(documentID: document.id, textSHA256: document.textSHA256, plugin: plugin, paramsSHA256: "",
                                  annotations: [Annotation(documentID: document.id, label: "defense.term",
                                                           span: Span(byteStart: 0, byteEnd: 5, codePointStart: 0, codePointEnd: 5),
                                                           score: 1, plugin: plugin)])
        try store.inBulkWrite {
            let run = try store.beginRun(RunInfo(plugins: [], params: [:], inputs: ["fixture"]))
            try store.write(StoreBatch(documents: [document], outputs: [output]), runID: run)
        }
        try store.prepareQueryIndexes()
        try store.beginBulkWrite()
        XCTAssertEqual(try store.writerPragma("cache_size"), -SQLiteAnnotationStore.cacheKiB,
                       "an annotated store with its query indexes is not written in bulk")
        try store.finishBulkWrite()
        XCTAssertEqual(try store.writerPragma("cache_size"), -SQLiteAnnotationStore.cacheKiB)
    }
}
