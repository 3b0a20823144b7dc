import Foundation
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
