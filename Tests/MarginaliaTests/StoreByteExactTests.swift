import Foundation
import GRDB
import Marginalia
import XCTest

/// The store keeps every byte: strings holding NUL (or any other) bytes come back whole,
/// and a span that does not fit its text is refused when written.
final class StoreByteExactTests: XCTestCase {
    func testTextsLabelsFeaturesMetadataAndErrorsWithNULBytesRoundTripByteForByte() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let text = "Before the NUL\u{0}after it: tanks in Hà Nội.\u{0}"
        let id = "doc\u{0}one"
        let document = Document(id: id, text: text, metadata: DocumentMetadata(
            title: "Title\u{0}hidden", source: "in\u{0}put.jsonl:1", extra: ["desk": "wire\u{0}desk"]))
        let plugin = StoreFixture.plugin("nul\u{0}tagger")
        let index = CodePointIndex(text)
        let (start, end) = StoreFixture.bytes(of: "tanks", in: text)
        let annotations = [
            Annotation(documentID: id, label: "topic:\u{0}x", span: nil, score: 0.5, features: ["why": "a\u{0}b"], plugin: plugin),
            Annotation(documentID: id, label: "defense.term", span: Span(byteStart: start, byteEnd: end, in: index), score: 1, plugin: plugin),
        ]
        let failure = ProcessingError(kind: .plugin, message: "boom\u{0}after", documentID: id, source: "s\u{0}", plugin: plugin.name, line: 3)
        let run = try store.beginRun(RunInfo(plugins: [plugin], params: [:], inputs: ["fixture"]))
        try store.write(StoreBatch(documents: [document], outputs: [PluginOutput(
            documentID: id, textSHA256: document.textSHA256, plugin: plugin, paramsSHA256: "", annotations: annotations)],
            errors: [failure]), runID: run)

        let stored = try XCTUnwrap(store.document(id: id))
        XCTAssertEqual(Array(stored.text.utf8), Array(text.utf8))
        XCTAssertEqual(stored.metadata.title, "Title\u{0}hidden")
        XCTAssertEqual(stored.metadata.source, "in\u{0}put.jsonl:1")
        XCTAssertEqual(stored.metadata.extra["desk"], "wire\u{0}desk")
        XCTAssertEqual(Set(try store.annotations(documentID: id)), Set(annotations))
        XCTAssertEqual(try store.errors(runID: run), [failure])
        XCTAssertEqual(try store.documentIDs(), [id])
        XCTAssertEqual(try store.layers(), [plugin])
        XCTAssertEqual(try store.outputKeys(documentID: id).map(\.plugin), [plugin])
        var query = AnnotationQuery()
        query.labels = LabelSelector(patterns: ["topic:\u{0}x"])
        XCTAssertEqual(try store.annotations(matching: query).count, 1)
        let report = store.check()
        XCTAssertTrue(report.isHealthy, "\(report.problems)")

        let export = try fixture.export()
        XCTAssertTrue(export.contains(#""text":"tanks""#), export)
        XCTAssertTrue(export.contains(#""label":"topic:\u0000x""#), export)
    }

    /// What `marginalia serve` and `report` read (`BrowsableStore`, the search index) is
    /// read by length too: ids, labels, sources and texts with a NUL byte stay whole.
    func testTheBrowseAndSearchReadsKeepNULBytes() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let text = "Before the NUL\u{0}after it: tanks."
        let id = "doc\u{0}one"
        let document = Document(id: id, text: text, metadata: DocumentMetadata(date: "2016-01-02", source: "in\u{0}put.jsonl:1"))
        let plugin = StoreFixture.plugin("nul\u{0}tagger")
        let (start, end) = StoreFixture.bytes(of: "tanks", in: text)
        let annotations = [
            Annotation(documentID: id, label: "topic:\u{0}x", span: nil, score: 0.5, plugin: plugin),
            Annotation(documentID: id, label: "defense.term", span: Span(byteStart: start, byteEnd: end, in: CodePointIndex(text)), score: 1, plugin: plugin),
        ]
        let run = try store.beginRun(RunInfo(plugins: [plugin], params: [:], inputs: ["fixture"]))
        try store.write(StoreBatch(documents: [document], outputs: [PluginOutput(
            documentID: id, textSHA256: document.textSHA256, plugin: plugin, paramsSHA256: "", annotations: annotations)]), runID: run)

        var labelled = AnnotationQuery()
        labelled.labels = LabelSelector(patterns: ["topic:\u{0}x"])
        XCTAssertEqual(try store.documentIDs(matching: labelled, offset: 0, limit: 10), [id])
        XCTAssertEqual(try store.documentCount(matching: labelled), 1)
        var spans = AnnotationQuery()
        spans.labels = LabelSelector(patterns: ["defense.term"])
        XCTAssertEqual(try store.spanCounts(matching: spans), [DocumentSpanCount(documentID: id, spans: 1)])
        XCTAssertEqual(try store.spanCounts(matching: labelled), [], "a document label is no span")
        XCTAssertEqual(try store.outputRuns(documentID: id).map(\.plugin), [plugin])
        XCTAssertEqual(Set(try store.monthlyCounts().map(\.label)), ["topic:\u{0}x", "defense.term"])
        XCTAssertEqual(try store.documentFacets().sources.map(\.value), ["in\u{0}put.jsonl"])

        let found = try DocumentSearchIndex(store: store).search(DocumentSearch(text: "after"))
        XCTAssertEqual(found.hits.map(\.documentID), [id], "the words after the NUL are indexed")
        XCTAssertEqual(found.hits.first?.snippet, "Before the NUL\u{2400}\u{1}after\u{2} it: tanks.", "the snippet has every character")
    }

    func testASpanOutsideItsTextIsRefusedWhenWrittenNamingDocumentAndAnnotation() throws {
        let fixture = try StoreFixture()
        try fixture.add(documents: [(id: "short", text: "Tanks.", date: nil, language: nil)])
        let plugin = StoreFixture.plugin("liar")
        let outside = Annotation(documentID: "short", label: "defense.term",
                                 span: Span(byteStart: 2, byteEnd: 60, codePointStart: 2, codePointEnd: 60), score: 1, plugin: plugin)
        let run = try fixture.store.beginRun(RunInfo(plugins: [plugin], params: [:], inputs: ["fixture"]))
        XCTAssertThrowsError(try fixture.store.write(StoreBatch(outputs: [PluginOutput(
            documentID: "short", textSHA256: "", plugin: plugin, paramsSHA256: "", annotations: [outside])]), runID: run)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("document short: annotation 'defense.term' of liar 1.0 at bytes 2..<60"), message)
            XCTAssertTrue(message.contains("text of 6 bytes"), message)
        }
        XCTAssertEqual(try fixture.store.annotations(documentID: "short"), [], "nothing of the batch was written")
    }

    func testExportingARowOutsideItsTextIsAnErrorNamingDocumentAndAnnotationNotATrap() throws {
        let fixture = try StoreFixture()
        try fixture.add(documents: [(id: "d1", text: "Tanks rolled in.", date: nil, language: nil)])
        try fixture.output(StoreFixture.plugin("defense"), on: "d1", spans: [("defense.term", 0, 5, 1)])
        // Damage the row behind the store's back, as a bad disk or another tool might.
        try DatabaseQueue(path: fixture.store.path).write { db in
            try db.execute(sql: "UPDATE annotations SET byte_end = 400, cp_end = 400")
        }
        XCTAssertThrowsError(try fixture.export()) { error in
            XCTAssertTrue("\(error)".contains("document d1: annotation 'defense.term' of defense 1.0 at bytes 0..<400"), "\(error)")
        }
        for format in [{ try W3CExporter.export(from: fixture.store) { _ in } },
                       { try CSVExporter.export(from: fixture.store) { _ in } }] {
            XCTAssertThrowsError(try format()) { XCTAssertTrue("\($0)".contains("document d1"), "\($0)") }
        }
        let report = fixture.store.check()
        XCTAssertFalse(report.isHealthy)
        XCTAssertTrue(report.problems.contains { $0.contains("document d1: annotation 1 'defense.term' of defense 1.0: bytes 0..<400 are outside the text (16 bytes)") },
                      "\(report.problems)")
    }

    func testCheckNamesEveryBrokenInvariant() throws {
        let fixture = try StoreFixture()
        try fixture.add(documents: [(id: "d1", text: "Hà Nội tanks", date: nil, language: nil),
                                    (id: "d2", text: "Tanks again", date: nil, language: nil)])
        try fixture.output(StoreFixture.plugin("defense"), on: "d1", spans: [("defense.term", 10, 15, 1)])
        try fixture.output(StoreFixture.plugin("defense"), on: "d2", spans: [("defense.term", 0, 5, 1)])
        XCTAssertTrue(fixture.store.check().isHealthy)
        try DatabaseQueue(path: fixture.store.path).write { db in
            try db.execute(sql: "UPDATE annotations SET cp_start = 10 WHERE document_key = (SELECT key FROM documents WHERE id = 'd1')")       // bytes ≠ code points
            try db.execute(sql: "UPDATE documents SET code_point_length = 3 WHERE id = 'd2'")
            try db.execute(sql: "DELETE FROM outputs WHERE document_key = (SELECT key FROM documents WHERE id = 'd2')")
        }
        let problems = fixture.store.check().problems
        XCTAssertTrue(problems.contains { $0.contains("document d1: annotation 1 'defense.term' of defense 1.0: code points 10..<12 but bytes 10..<15 decode to code points 7..<12") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("document d2: code_point_length is 3, its text has 11 code points") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("document d2: annotation 2 'defense.term' of defense 1.0: no output row records it") }, "\(problems)")
        XCTAssertEqual(problems.count, 3, "\(problems)")
    }
}
