import Foundation
import GRDB
@testable import Marginalia
import XCTest

/// The outputs table of integers (migration `bulk layout: outputs keyed by integers`): what
/// resume reads back is what was written, a text hash is stored only when it is not the
/// document's own, one plugin version keeps one output per document whatever its script
/// hash, and `check` names what the schema no longer enforces.
final class StoreOutputRowsTests: XCTestCase {
    private func output(_ plugin: PluginIdentity, on document: Document, textSHA256: String? = nil, params: String) -> PluginOutput {
        PluginOutput(documentID: document.id, textSHA256: textSHA256 ?? document.textSHA256, plugin: plugin, paramsSHA256: params,
                     annotations: [Annotation(documentID: document.id, label: "topic", span: nil, score: 1, plugin: plugin)])
    }

    func testOutputKeysReadBackTheTextAndParamsHashesAsWritten() throws {
        let fixture = try StoreFixture()
        try fixture.add(documents: [(id: "d1", text: "Tanks rolled in.", date: nil, language: nil)])
        let document = try XCTUnwrap(fixture.store.document(id: "d1"))
        let defense = StoreFixture.plugin("defense"), trade = StoreFixture.plugin("trade")
        let otherText = String(repeating: "ab", count: 32)
        let run = try fixture.store.beginRun(RunInfo(plugins: [defense, trade], params: [:], inputs: ["fixture"]))
        try fixture.store.write(StoreBatch(outputs: [output(defense, on: document, params: "p1"),
                                                     output(trade, on: document, textSHA256: otherText, params: "p2")]), runID: run)

        XCTAssertEqual(try fixture.store.outputKeys(documentID: "d1"), [
            OutputKey(textSHA256: document.textSHA256, plugin: defense, paramsSHA256: "p1"),
            OutputKey(textSHA256: otherText, plugin: trade, paramsSHA256: "p2"),
        ])
        let stored = try DatabaseQueue(path: fixture.store.path).read { db in
            try String?.fetchAll(db, sql: "SELECT text_sha256 FROM outputs ORDER BY plugin_id")
        }
        XCTAssertEqual(stored, [nil, otherText], "the document's own hash is not stored again")
        XCTAssertEqual(try fixture.store.outputRuns(documentID: "d1").map(\.paramsSHA256), ["p1", "p2"])
        XCTAssertTrue(fixture.store.check().isHealthy, "\(fixture.store.check().problems)")
    }

    func testANewScriptOfTheSamePluginVersionReplacesItsOutputRow() throws {
        let fixture = try StoreFixture()
        try fixture.add(documents: [(id: "d1", text: "Tanks rolled in.", date: nil, language: nil)])
        let document = try XCTUnwrap(fixture.store.document(id: "d1"))
        let first = StoreFixture.plugin("defense")
        let edited = PluginIdentity(name: "defense", version: first.version, sha256: String(repeating: "c", count: 64))
        for plugin in [first, edited] {
            let run = try fixture.store.beginRun(RunInfo(plugins: [plugin], params: [:], inputs: ["fixture"]))
            try fixture.store.write(StoreBatch(outputs: [output(plugin, on: document, params: "p")]), runID: run)
        }
        XCTAssertEqual(try fixture.store.outputKeys(documentID: "d1"),
                       [OutputKey(textSHA256: document.textSHA256, plugin: edited, paramsSHA256: "p")])
        XCTAssertEqual(try fixture.store.annotations(documentID: "d1").map(\.plugin), [edited])
    }

    func testCheckNamesTwoOutputsOfOnePluginVersionAndAMissingParametersRow() throws {
        let fixture = try StoreFixture()
        try fixture.add(documents: [(id: "d1", text: "Tanks rolled in.", date: nil, language: nil)])
        let document = try XCTUnwrap(fixture.store.document(id: "d1"))
        let plugin = StoreFixture.plugin("defense")
        let run = try fixture.store.beginRun(RunInfo(plugins: [plugin], params: [:], inputs: ["fixture"]))
        try fixture.store.write(StoreBatch(outputs: [output(plugin, on: document, params: "p")]), runID: run)
        // A damaged store: written behind switched-off foreign keys.
        try DatabaseQueue(path: fixture.store.path).inDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "INSERT INTO plugins (name, version, sha256) VALUES ('defense', '1.0', 'other')")
            try db.execute(sql: """
                INSERT INTO outputs (document_key, plugin_id, params_id, run_id)
                SELECT key, (SELECT id FROM plugins WHERE sha256 = 'other'), 99, 1 FROM documents
                """)
        }
        let problems = fixture.store.check().problems
        XCTAssertTrue(problems.contains { $0.contains("document d1: 2 outputs of defense 1.0, one expected") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("document d1: an output of defense 1.0 whose plugin or parameters row is missing") }, "\(problems)")
        XCTAssertEqual(problems.count, 2, "\(problems)")
    }
}
