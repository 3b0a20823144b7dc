import Foundation
import GRDB
import Marginalia
import XCTest

/// A document read back from the store is the document that was stored: its hash,
/// language and NFD flag come from the store, not from running the text through again.
final class StoredDocumentTests: XCTestCase {
    func testAStoredDocumentReadsBackEqual() throws {
        let fixture = try StoreFixture()
        let nfd = "Cafe\u{0301} au lait."   // e + combining acute: decomposed
        let documents = [
            Document(id: "nfd", text: nfd, metadata: DocumentMetadata(title: "Café", date: "2026-01-02", extra: ["feed": "rss"])),
            Document(id: "fr", text: "Les agriculteurs et la récolte de blé.", metadata: DocumentMetadata(language: "fr")),
        ]
        XCTAssertTrue(documents[0].metadata.isNFD)
        let run = try fixture.store.beginRun(RunInfo(plugins: [], params: [:], inputs: ["fixture"]))
        try fixture.store.write(StoreBatch(documents: documents), runID: run)
        for document in documents {
            XCTAssertEqual(try fixture.store.document(id: document.id), document)
        }
    }

    func testEveryMetadataFieldReadsBack() throws {
        let fixture = try StoreFixture()
        let metadata = DocumentMetadata(title: "T", date: "2026-01-02", language: "en", url: "https://example.org/a",
                                        source: "wire", extra: ["desk": "Reuters", "feed": "rss"], input: "in.jsonl:3")
        let document = Document(id: "d", text: "Two words.", metadata: metadata)
        let run = try fixture.store.beginRun(RunInfo(plugins: [], params: [:], inputs: ["fixture"]))
        try fixture.store.write(StoreBatch(documents: [document]), runID: run)
        XCTAssertEqual(try fixture.store.document(id: "d")?.metadata, metadata)
    }

    /// The metadata JSON is read with `DocumentMetadata(jsonObject:)`; the title, date,
    /// language, url and source columns beside it win over what the JSON says.
    func testTheColumnsBesideTheMetadataJSONWin() throws {
        let fixture = try StoreFixture()
        let document = Document(id: "d", text: "Two words.", metadata: DocumentMetadata(title: "Column title", language: "en"))
        let run = try fixture.store.beginRun(RunInfo(plugins: [], params: [:], inputs: ["fixture"]))
        try fixture.store.write(StoreBatch(documents: [document]), runID: run)
        try DatabaseQueue(path: fixture.store.path).write { db in
            try db.execute(sql: #"UPDATE documents SET metadata = '{"title":"JSON title","lang":"fr","url":"u","desk":"D","n":1,"nfd":true,"input":"x.txt"}'"#)
        }
        let stored = try XCTUnwrap(try fixture.store.document(id: "d")).metadata
        XCTAssertEqual(stored.title, "Column title")
        XCTAssertEqual(stored.language, "en")
        XCTAssertNil(stored.url, "the url column is empty, so no url")
        XCTAssertEqual(stored.extra, ["desk": "D"], "string fields only")
        XCTAssertTrue(stored.isNFD)
        XCTAssertEqual(stored.input, "x.txt")
    }

    func testTheStoredValuesInitKeepsWhatItIsGiven() {
        let metadata = DocumentMetadata(language: nil, isNFD: false)
        let document = Document(id: "d", text: "Cafe\u{0301}", metadata: metadata, storedTextSHA256: "0123")
        XCTAssertEqual(document.textSHA256, "0123", "the stored hash, not recomputed")
        XCTAssertNil(document.metadata.language, "no language guessed")
        XCTAssertFalse(document.metadata.isNFD, "no NFD scan")
    }
}
