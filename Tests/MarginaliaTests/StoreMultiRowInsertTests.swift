import Foundation
import GRDB
@testable import Marginalia
import XCTest

/// The writer inserts annotation and output rows several to a statement (`MultiRowInsert`,
/// `PendingRows`): every row is stored as written and in the order written (the ids one-row
/// inserts gave), whatever the count against the statement size, and rows still waiting
/// are in before anything of their output is replaced.
final class StoreMultiRowInsertTests: XCTestCase {
    func testTheStatementSharesTheRunIDAndNumbersEveryRowsOwnParameters() {
        XCTAssertEqual(MultiRowInsert<Int>.sqlByRowCount("INSERT INTO t (a, run_id, b) VALUES ", ownColumns: 2, runIDAt: 1)[2],
                       "INSERT INTO t (a, run_id, b) VALUES (?2, ?1, ?3), (?4, ?1, ?5)")
    }

    func testTheStatementsMadeOnceArrayAreThoseOfEveryRowCount() {
        let prefix = "INSERT INTO t (a, b, c, run_id) VALUES "
        let made = MultiRowInsert<Int>.sqlByRowCount(prefix, ownColumns: 3, runIDAt: 3)
        XCTAssertEqual(made.count, MultiRowInsert<Int>.rowsPerStatement + 1)
        for rows in 1...MultiRowInsert<Int>.rowsPerStatement {
            // Row r binds ?(2 + 3r) onwards, the run id ?1 last (spelled out here, not by the code under test).
            let expected = prefix + (0..<rows).map { row in
                let first = 2 + row * 3
                return "(?\(first), ?\(first + 1), ?\(first + 2), ?1)"
            }.joined(separator: ", ")
            XCTAssertEqual(made[rows], expected, "\(rows) rows")
        }
        XCTAssertEqual(made[2], "INSERT INTO t (a, b, c, run_id) VALUES (?2, ?3, ?4, ?1), (?5, ?6, ?7, ?1)")
    }

    /// `count` annotations on `document`: spans on every other character, a document label
    /// every fifth, features of every shape the writer binds (empty, nested, a NUL byte).
    private func annotations(_ count: Int, on document: Document, plugin: PluginIdentity) -> [Annotation] {
        (0..<count).map { index in
            let span = index % 5 == 4 ? nil : Span(byteStart: index, byteEnd: index + 1, codePointStart: index, codePointEnd: index + 1)
            let features: JSONValue = index % 3 == 0 ? .object([:]) : .object(["n": .integer(Int64(index)), "s": .string("a\u{0}b\(index)"), "list": .array([.bool(true), .null])])
            return Annotation(documentID: document.id, label: "label\(index % 4)", span: span, score: Double(index % 10) / 10,
                              features: features, plugin: plugin)
        }
    }

    func testEveryRowIsStoredAsWrittenAndInTheOrderWritten() throws {
        let fixture = try StoreFixture()
        let plugins = [StoreFixture.plugin("alpha"), StoreFixture.plugin("beta")]
        let text = String(repeating: "Tanks rolled in. ", count: 20)
        // 7 documents x 2 plugins x 37 annotations: not a multiple of the statement's rows.
        let documents = (0..<7).map { Document(id: "d\($0)", text: text) }
        var outputs: [PluginOutput] = []
        for document in documents {
            for plugin in plugins {
                outputs.append(PluginOutput(documentID: document.id, textSHA256: document.textSHA256, plugin: plugin,
                                            paramsSHA256: "p-\(plugin.name)", annotations: annotations(37, on: document, plugin: plugin)))
            }
        }
        let run = try fixture.store.beginRun(RunInfo(plugins: plugins, params: [:], inputs: ["fixture"]))
        try fixture.store.write(StoreBatch(documents: documents, outputs: outputs), runID: run)

        for document in documents {
            let expected = outputs.filter { $0.documentID == document.id }.flatMap(\.annotations)
            XCTAssertEqual(Set(try fixture.store.annotations(documentID: document.id)), Set(expected))
            XCTAssertEqual(try fixture.store.outputKeys(documentID: document.id).count, 2)
        }
        // The ids follow the order written: the first document's first output first.
        let stored = try DatabaseQueue(path: fixture.store.path).read { db in
            try Row.fetchAll(db, sql: "SELECT id, cp_start, run_id FROM annotations ORDER BY id")
        }
        XCTAssertEqual(stored.map { $0["id"] as Int64 }, Array(1...Int64(7 * 2 * 37)))
        XCTAssertEqual(stored.map { $0["cp_start"] as Int? }, outputs.flatMap(\.annotations).map { $0.span?.codePointStart })
        XCTAssertEqual(Set(stored.map { $0["run_id"] as Int64 }), [run])
        XCTAssertTrue(fixture.store.check().isHealthy, "\(fixture.store.check().problems)")
    }

    func testAnOutputReplacedTwiceInOneBatchKeepsOnlyTheLastOne() throws {
        let fixture = try StoreFixture()
        try fixture.add(documents: [(id: "d1", text: String(repeating: "Tanks rolled in. ", count: 20), date: nil, language: nil)])
        let document = try XCTUnwrap(fixture.store.document(id: "d1"))
        let plugin = StoreFixture.plugin("defense")
        let run = try fixture.store.beginRun(RunInfo(plugins: [plugin], params: [:], inputs: ["fixture"]))
        func output(_ count: Int, params: String) -> PluginOutput {
            PluginOutput(documentID: document.id, textSHA256: document.textSHA256, plugin: plugin, paramsSHA256: params,
                         annotations: annotations(count, on: document, plugin: plugin))
        }
        // The first output's rows are still waiting when the second replaces it.
        try fixture.store.write(StoreBatch(outputs: [output(3, params: "first"), output(5, params: "second")]), runID: run)

        let stored = try fixture.store.annotations(documentID: "d1")
        XCTAssertEqual(stored.count, 5, "none of the first output's rows is left")
        XCTAssertEqual(Set(stored), Set(output(5, params: "second").annotations))
        XCTAssertEqual(try fixture.store.outputKeys(documentID: "d1"),
                       [OutputKey(textSHA256: document.textSHA256, plugin: plugin, paramsSHA256: "second")])
        XCTAssertTrue(fixture.store.check().isHealthy, "\(fixture.store.check().problems)")
    }
}
