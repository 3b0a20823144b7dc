import XCTest
@testable import Marginalia

/// `DocumentRecord.prepareDocument()` does ahead what `Document(record)` does (the batch
/// reader calls it with one worker): the document made from a prepared record must be the
/// very document made from the record as read.
final class DocumentRecordPreparationTests: XCTestCase {
    func testAPreparedRecordMakesTheSameDocumentOnRandomTexts() {
        var generator = SplitMix64(seed: 1_207)
        let pieces = ["the ", "and ", "of the ", "la ", "les ", "et ", "est ", "été ", "Hà Nội ", "Ha\u{300} No\u{323}\u{302}i ",
                      "e\u{301}te\u{301} ", "12 ", "— ", "😀 ", "voted ", "dans ", "pour ", "\n", "\u{0} ", "Über "]
        for round in 0..<3_000 {
            let text = (0..<Int.random(in: 0...60, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var metadata = DocumentMetadata(input: "news.jsonl:\(round)")
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: metadata.language = "de"          // named by the record: kept, not guessed
            case 1: metadata.isNFD = true             // already set: stays set
            default: break
            }
            let record = DocumentRecord(id: "d\(round)", text: text, metadata: metadata)
            var prepared = record
            prepared.prepareDocument()
            XCTAssertTrue(prepared.isPrepared)
            let expected = Document(record)
            XCTAssertEqual(Document(prepared), expected, "round \(round)")
            XCTAssertEqual(Document(prepared).metadata, expected.metadata, "round \(round)")
            XCTAssertEqual(prepared.textSHA256, expected.textSHA256)
            prepared.prepareDocument()   // a second call changes nothing
            XCTAssertEqual(Document(prepared), expected)
        }
    }

    func testChangingAPreparedRecordUndoesThePreparation() {
        var record = DocumentRecord(id: "a", text: "The army and the navy.")
        record.prepareDocument()
        XCTAssertEqual(record.metadata.language, "en")
        record.text = "La Russie et la France ont été partenaires."
        XCTAssertFalse(record.isPrepared)
        XCTAssertNil(record.textSHA256, "the hash was the old text's")
        XCTAssertEqual(Document(record).textSHA256, ContentHash.sha256Hex(ofText: record.text))
        record.prepareDocument()
        XCTAssertEqual(record.metadata.language, "en", "the language the record's metadata now names is kept")
        record.metadata.language = nil
        XCTAssertFalse(record.isPrepared)
        XCTAssertEqual(Document(record).metadata.language, "fr")
    }
}
