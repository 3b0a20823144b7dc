import Foundation
import GRDB
@testable import Marginalia
import XCTest

/// Rows a worker encoded for the SQLite writer (``EncodedRows``) store exactly what the
/// writer would have encoded itself, and rows that do not belong to what is written (another
/// text, another output) are not used.
final class StoreEncodedRowsTests: XCTestCase {
    private let plugin = StoreFixture.plugin("defense")

    private func document(_ text: String) -> Document {
        Document(id: "d1", text: text, metadata: DocumentMetadata(title: "Tanks", date: "2024-05-01", language: "en"))
    }

    private func output(of document: Document, features: [JSONValue]) -> PluginOutput {
        let annotations = features.enumerated().map { index, features in
            Annotation(documentID: document.id, label: "defense.term", span: Span(byteStart: index, byteEnd: index + 1, in: CodePointIndex(document.text)),
                       score: 1, features: features, plugin: plugin)
        }
        return PluginOutput(documentID: document.id, textSHA256: document.textSHA256, plugin: plugin, paramsSHA256: "p", annotations: annotations)
    }

    /// The rows of documents and annotations as SQLite holds them, byte for byte.
    private func rows(_ store: SQLiteAnnotationStore) throws -> [String] {
        try DatabaseQueue(path: store.path).read { db in
            try String.fetchAll(db, sql: """
                SELECT quote(CAST(metadata AS BLOB)) || ' ' || byte_length || ' ' || code_point_length FROM documents
                UNION ALL SELECT quote(CAST(features AS BLOB)) || ' ' || byte_start || ' ' || cp_start FROM annotations
                """)
        }
    }

    private func write(_ batch: StoreBatch) throws -> SQLiteAnnotationStore {
        let fixture = try StoreFixture()
        retained.append(fixture)
        let run = try fixture.store.beginRun(RunInfo(plugins: [plugin], params: [:], inputs: ["fixture"]))
        try fixture.store.write(batch, runID: run)
        return fixture.store
    }
    private var retained: [StoreFixture] = []

    func testEncodedRowsStoreTheSameBytesAsTheWriterEncodes() throws {
        let doc = document("Hà Nội: tanks rolled in.")
        let out = output(of: doc, features: [.object([:]), .object(["n": .integer(2)]), .object(["b": .string("x\u{1}"), "a": .number(0.5)])])
        let plain = try write(StoreBatch(documents: [doc], outputs: [out]))
        var batch = StoreBatch(documents: [doc], outputs: [out])
        let store = try write(StoreBatch())
        batch.encoded[doc.id] = try XCTUnwrap(store.encodedRows(of: doc, outputs: [out]))
        let run = try store.beginRun(RunInfo(plugins: [plugin], params: [:], inputs: ["fixture"]))
        try store.write(batch, runID: run)

        XCTAssertEqual(try rows(store), try rows(plain))
        let stored = try rows(store)
        XCTAssertTrue(stored.first?.hasSuffix("' \(doc.text.utf8.count) \(doc.text.unicodeScalars.count)") == true, "\(stored)")
        XCTAssertEqual(try store.annotations(documentID: "d1"), try plain.annotations(documentID: "d1"))
    }

    func testEncodedFeaturesAreEachAnnotationsFeaturesBackToBack() {
        // Past the stack buffers: 400 annotations, some of whose features alone exceed 4 KiB.
        let doc = document(String(repeating: "tanks ", count: 100))
        let features: [JSONValue] = (0..<400).map { index in
            switch index % 4 {
            case 0: return .object([:])
            case 1: return .object(["term": .string("tank \(index)"), "n": .integer(Int64(index))])
            case 2: return .object(["text": .string(String(repeating: "é\"", count: index * 4)), "k": .array([.null, .bool(true)])])
            default: return .object(["code": "US", "kind": "country", "name": .string("n\(index)")])
            }
        }
        let encoded = EncodedFeatures(output(of: doc, features: features))
        var expected: [UInt8] = []
        var ends: [Int] = []
        for value in features {
            expected += Array(value.serialized().utf8)
            ends.append(expected.count)
        }
        XCTAssertGreaterThan(expected.count, 100_000)
        XCTAssertEqual(encoded.bytes, expected)
        XCTAssertEqual(encoded.ends, ends)
    }

    func testRowsEncodedFromAnotherTextOrAnotherOutputAreNotUsed() throws {
        let doc = document("Tanks rolled in.")
        let out = output(of: doc, features: [.object(["n": .integer(1)])])
        let stale = EncodedRows(document: document("Another text, longer than the first."),
                                outputs: [output(of: doc, features: [.object(["n": .integer(9)]), .object([:])])])
        var batch = StoreBatch(documents: [doc], outputs: [out])
        batch.encoded[doc.id] = stale
        let store = try write(batch)
        XCTAssertEqual(try rows(store), try rows(try write(StoreBatch(documents: [doc], outputs: [out]))))

        let wrongOutput = EncodedRows(document: doc, outputs: [output(of: doc, features: [.object(["n": .integer(9)]), .object([:])])])
        XCTAssertNil(wrongOutput.featuresIndex(of: out), "two annotations encoded, the output has one")
    }
}
