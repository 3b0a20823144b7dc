import Foundation
import GRDB
import Marginalia
import XCTest

/// `marginalia import` of a JSONL export: the new store exports the same bytes, and a bad
/// line is refused with file and line before anything is written.
final class JSONLImportTests: XCTestCase {
    private func source() throws -> StoreFixture {
        let f = try StoreFixture()
        let text = "Hà Nội 🇻🇳: \"tanks\"\nand\tmissiles."
        try f.add(documents: [("vi", text, "2016-05-23", "vi"), ("empty", "Nothing here.", nil, nil)])
        let tanks = StoreFixture.bytes(of: "tanks", in: text), missiles = StoreFixture.bytes(of: "missiles", in: text)
        try f.output(StoreFixture.plugin("defense"), on: "vi", labels: [("topic:defense", 1.0 / 3)],
                     spans: [("defense.term", tanks.start, tanks.end, 1), ("defense.term", missiles.start, missiles.end, 0.1 + 0.2)])
        try f.output(StoreFixture.plugin("defense", "2.0"), on: "vi", labels: [("topic:defense", 0.9)])
        try f.write("gold/vi.ann", "T1\tdefense_term 12 17\ttanks\n")
        try BratCollection.load([f.directory + "/gold"], store: f.store).importInto(f.store)
        _ = try MergeJob.run(MergeOptions(policy: .mean), store: f.store)
        return f
    }

    private func export(_ store: SQLiteAnnotationStore, withDocuments: Bool = true) throws -> String {
        var out = ""
        try JSONLExporter.export(from: store, withDocuments: withDocuments) { out += $0 }
        return out
    }

    func testRoundTripGivesTheSameBytes() throws {
        let original = try source()
        let exported = try export(original.store)
        let file = try original.write("all.jsonl", exported)
        let copy = try StoreFixture()
        let summary = try JSONLImporter.importFile(file, into: copy.store)
        XCTAssertEqual(summary.documents, 2)
        XCTAssertEqual(summary.annotations, exported.split(separator: "\n").count - 2)
        XCTAssertEqual(try export(copy.store), exported)
        XCTAssertEqual(try export(copy.store, withDocuments: false), try export(original.store, withDocuments: false))
        XCTAssertEqual(try copy.store.layers(), try original.store.layers(), "plugins, versions and hashes kept")
    }

    private func annotationIndexes(_ store: SQLiteAnnotationStore) throws -> Set<String> {
        Set(try DatabaseQueue(path: store.path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'annotations'")
        })
    }

    /// Both imports write like an annotate batch: a new store's query indexes are left to
    /// the first query, which builds them and answers as the source does.
    func testAnImportIntoANewStoreLeavesTheQueryIndexesToTheFirstQuery() throws {
        let original = try source()
        let file = try original.write("all.jsonl", try export(original.store))
        let expected = try original.store.countAnnotations(matching: AnnotationQuery())
        XCTAssertFalse(expected.isEmpty)
        let all: Set = ["annotations_by_output", "annotations_by_label_plugin_score", "annotations_by_plugin_label_score"]
        for viaStore in [false, true] {
            let copy = try StoreFixture()
            if viaStore {
                _ = try StoreImporter.importStore(original.store, named: "original.sqlite", into: copy.store)
            } else {
                _ = try JSONLImporter.importFile(file, into: copy.store)
            }
            XCTAssertEqual(try annotationIndexes(copy.store), ["annotations_by_output"], "imported in bulk (from a store: \(viaStore))")
            XCTAssertEqual(try export(copy.store), try export(original.store))
            XCTAssertEqual(try SQLiteAnnotationStore(path: copy.store.path).countAnnotations(matching: AnnotationQuery()), expected)
            XCTAssertEqual(try annotationIndexes(copy.store), all, "built by the first query")
        }
    }

    func testImportingTwiceReplacesInsteadOfDuplicating() throws {
        let original = try source()
        let file = try original.write("all.jsonl", try export(original.store))
        let copy = try StoreFixture()
        _ = try JSONLImporter.importFile(file, into: copy.store)
        _ = try JSONLImporter.importFile(file, into: copy.store)
        XCTAssertEqual(try export(copy.store), try export(original.store))
    }

    func testAnnotationsAloneImportIntoAStoreThatHasTheDocuments() throws {
        let original = try source()
        let file = try original.write("annotations.jsonl", try export(original.store, withDocuments: false))
        let copy = try StoreFixture()
        try copy.add(documents: [("vi", try original.store.document(id: "vi")!.text, "2016-05-23", "vi"), ("empty", "Nothing here.", nil, nil)])
        _ = try JSONLImporter.importFile(file, into: copy.store)
        XCTAssertEqual(try export(copy.store, withDocuments: false), try export(original.store, withDocuments: false))
    }

    func testBadLinesNameFileAndLineAndNothingIsWritten() throws {
        let f = try StoreFixture()
        let document = #"{"document":"d","kind":"document","metadata":{},"text":"Tanks here."}"#
        let good = #"{"document":"d","label":"x","start":0,"end":5,"text":"Tanks","score":1,"plugin":"p","plugin_version":"1","plugin_sha256":"h","features":{}}"#
        let cases: [(String, String)] = [
            ("{not json", "2: "),
            (#"{"document":"nowhere","label":"x","score":1,"plugin":"p","plugin_version":"1","plugin_sha256":"h"}"#,
             "2: unknown document 'nowhere': export with --with-documents, or annotate its corpus into this store first"),
            (good.replacingOccurrences(of: #""text":"Tanks""#, with: #""text":"Tank""#),
             "2: \"text\" is 'Tank' but the document has 'Tanks' at 0..<5: the line does not match its document"),
            (good.replacingOccurrences(of: #""end":5"#, with: #""end":50"#), "2: start/end must be code-point offsets 0 ≤ start ≤ end ≤ 11"),
            (#"{"document":"d","label":"x"}"#, "2: an annotation line needs label, score, plugin, plugin_version and plugin_sha256"),
            (#"{"document":"d","kind":"page"}"#, "2: unknown kind \"page\""),
            (#"[1]"#, "2: expected a JSON object"),
        ]
        for (index, (line, expected)) in cases.enumerated() {
            let file = try f.write("bad\(index).jsonl", document + "\n" + line + "\n" + good + "\n")
            XCTAssertThrowsError(try JSONLImporter.importFile(file, into: f.store)) { error in
                XCTAssertTrue("\(error)".hasPrefix("\(file):\(expected)"), "\(error)")
            }
        }
        XCTAssertEqual(try f.store.documentCount(), 0, "a failed import writes nothing")
        XCTAssertThrowsError(try JSONLImporter.importFile(f.directory + "/missing.jsonl", into: f.store)) {
            XCTAssertTrue("\($0)".hasPrefix(f.directory + "/missing.jsonl: "), "\($0)")
        }
    }
}
