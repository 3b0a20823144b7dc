import Foundation
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

    func testTheStoredValuesInitKeepsWhatItIsGiven() {
        let metadata = DocumentMetadata(language: nil, isNFD: false)
        let document = Document(id: "d", text: "Cafe\u{0301}", metadata: metadata, storedTextSHA256: "0123")
        XCTAssertEqual(document.textSHA256, "0123", "the stored hash, not recomputed")
        XCTAssertNil(document.metadata.language, "no language guessed")
        XCTAssertFalse(document.metadata.isNFD, "no NFD scan")
    }
}
