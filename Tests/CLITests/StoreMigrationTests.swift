import Foundation
import GRDB
@testable import Marginalia
import MarginaliaTestSupport
import XCTest

/// A store written by the layout before integer keys (text document ids and labels in every
/// annotation row) is migrated in place when a command opens it: same export, same counts,
/// resume still recognises everything, and new runs write on.
final class StoreMigrationTests: XCTestCase {
    /// The last migration of the layout with text keys.
    private static let textKeyedSchema = "batch: run settings and completed input files"

    /// Copies the rows of a store in today's layout into a new store at `path` made by the
    /// migrations up to `textKeyedSchema`, in that older layout.
    private func writeTextKeyedCopy(of source: String, to path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: Self.textKeyedSchema)
        try queue.inDatabase { db in
            try db.execute(sql: "ATTACH DATABASE ? AS n", arguments: [source])
            try db.execute(sql: """
                INSERT INTO documents (id, text, text_sha256, title, date, lang, url, source, metadata, byte_length, code_point_length)
                    SELECT id, text, text_sha256, title, date, lang, url, source, metadata, byte_length, code_point_length FROM n.documents ORDER BY key;
                INSERT INTO plugins SELECT * FROM n.plugins;
                INSERT INTO runs (id, started_at, finished_at, engine_version, plugins, params, inputs, documents, annotations, errors, status, settings)
                    SELECT id, started_at, finished_at, engine_version, plugins, params, inputs, documents, annotations, errors, status, settings FROM n.runs;
                INSERT INTO outputs SELECT d.id, p.name, p.version, o.plugin_id, COALESCE(o.text_sha256, d.text_sha256), pp.sha256, o.run_id
                    FROM n.outputs o JOIN n.documents d ON d.key = o.document_key JOIN n.plugins p ON p.id = o.plugin_id
                    JOIN n.output_params pp ON pp.id = o.params_id;
                INSERT INTO annotations (id, document_id, plugin_id, plugin_name, plugin_version, run_id, label,
                                         byte_start, byte_end, cp_start, cp_end, score, features)
                    SELECT a.id, d.id, a.plugin_id, p.name, p.version, a.run_id, l.name, a.byte_start, a.byte_end, a.cp_start, a.cp_end, a.score, a.features
                    FROM n.annotations a JOIN n.documents d ON d.key = a.document_key JOIN n.plugins p ON p.id = a.plugin_id
                    JOIN n.labels l ON l.id = a.label ORDER BY a.id;
                INSERT INTO errors SELECT * FROM n.errors;
                INSERT INTO completed_inputs SELECT * FROM n.completed_inputs;
                """)
            try db.execute(sql: "DETACH DATABASE n")
        }
        let annotations = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM annotations") }
        XCTAssertGreaterThan(annotations ?? 0, 100, "the old-layout copy holds the annotations")
        let columns = try queue.read { db in try db.columns(in: "annotations").map(\.name) }
        XCTAssertTrue(columns.contains("plugin_name"), "written in the text-keyed layout: \(columns)")
    }

    func testAStoreOfTheTextKeyedLayoutIsMigratedInPlaceWithTheSameExportCountsAndResume() throws {
        let directory = TemporaryDirectory()
        let input = directory.write("corpus/news.jsonl", SyntheticCorpus.jsonl(count: 60) + "not json\n")
        let fresh = directory.file("fresh.sqlite")
        let annotate = { (store: String) in
            ["annotate", input, "--store", store, "--quiet", "--jobs", "2", "--plugins", Repository.path("Plugins")]
        }
        XCTAssertEqual(try ChildProcess.run(annotate(fresh)).status, 1, "one malformed line")
        let old = directory.file("old.sqlite")
        try writeTextKeyedCopy(of: fresh, to: old)

        let exported = try ChildProcess.run(["export", "--store", old, "--output", directory.file("old.jsonl")])
        XCTAssertEqual(exported.status, 0, exported.stderr)
        XCTAssertEqual(try String(contentsOfFile: directory.file("old.jsonl"), encoding: .utf8), try exportJSONL(fresh))
        let migrated = try DatabaseQueue(path: old).read { db in try db.columns(in: "annotations").map(\.name) }
        XCTAssertEqual(migrated, ["id", "document_key", "plugin_id", "run_id", "label", "byte_start", "byte_end",
                                  "cp_start", "cp_end", "score", "features"])

        for arguments in [["query", "--count"], ["query", "--label", "topic:", "--min-score", "0.5"],
                          ["query", "--count", "--plugin", "defense", "--language", "en"], ["errors", "--all"]] {
            let a = try ChildProcess.run(arguments + ["--store", old]), b = try ChildProcess.run(arguments + ["--store", fresh])
            XCTAssertEqual(a.status, b.status, arguments.joined(separator: " "))
            XCTAssertEqual(a.stdout, b.stdout, arguments.joined(separator: " "))
        }

        let resumed = try ChildProcess.run(annotate(old))
        XCTAssertTrue(resumed.stdout.contains("0 documents annotated, 60 already done"), resumed.stdout)
        let forced = try ChildProcess.run(annotate(old) + ["--force"])
        XCTAssertTrue(forced.stdout.contains("60 documents annotated"), forced.stdout)
        XCTAssertEqual(try exportJSONL(old), try exportJSONL(fresh), "a forced rerun on the migrated store replaces, never duplicates")
    }

    /// The last migration of the layout whose outputs were keyed by text (document id,
    /// plugin name and version, both hashes in every row).
    private static let textKeyedOutputsSchema = "bulk layout: integer keys for documents and labels"

    /// Copies a store in today's layout into a new store at `path` made by the migrations up
    /// to `textKeyedOutputsSchema`: integer-keyed documents, labels and annotations, outputs
    /// keyed by text.
    private func writeTextKeyedOutputsCopy(of source: String, to path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: Self.textKeyedOutputsSchema)
        try queue.inDatabase { db in
            try db.execute(sql: "ATTACH DATABASE ? AS n", arguments: [source])
            try db.execute(sql: """
                INSERT INTO documents (key, id, text, text_sha256, title, date, lang, url, source, metadata, byte_length, code_point_length)
                    SELECT key, id, text, text_sha256, title, date, lang, url, source, metadata, byte_length, code_point_length FROM n.documents;
                INSERT INTO plugins SELECT * FROM n.plugins;
                INSERT INTO labels SELECT * FROM n.labels;
                INSERT INTO runs SELECT * FROM n.runs;
                INSERT INTO outputs (document_id, plugin_name, plugin_version, plugin_id, text_sha256, params_sha256, run_id)
                    SELECT d.id, p.name, p.version, o.plugin_id, COALESCE(o.text_sha256, d.text_sha256), pp.sha256, o.run_id
                    FROM n.outputs o JOIN n.documents d ON d.key = o.document_key JOIN n.plugins p ON p.id = o.plugin_id
                    JOIN n.output_params pp ON pp.id = o.params_id;
                INSERT INTO annotations SELECT * FROM n.annotations;
                INSERT INTO errors SELECT * FROM n.errors;
                INSERT INTO completed_inputs SELECT * FROM n.completed_inputs;
                """)
            try db.execute(sql: "DETACH DATABASE n")
        }
        let columns = try queue.read { db in try db.columns(in: "outputs").map(\.name) }
        XCTAssertEqual(columns, ["document_id", "plugin_name", "plugin_version", "plugin_id", "text_sha256", "params_sha256", "run_id"],
                       "written in the text-keyed outputs layout")
        let outputs = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outputs") }
        XCTAssertGreaterThan(outputs ?? 0, 100, "the old-layout copy holds the outputs")
    }

    func testAStoreWithTextKeyedOutputsIsMigratedInPlaceWithTheSameExportsQueriesCheckAndResume() throws {
        let directory = TemporaryDirectory()
        let input = directory.write("corpus/news.jsonl", SyntheticCorpus.jsonl(count: 60) + "not json\n")
        let fresh = directory.file("fresh.sqlite")
        let annotate = { (store: String) in
            ["annotate", input, "--store", store, "--quiet", "--jobs", "2", "--plugins", Repository.path("Plugins")]
        }
        XCTAssertEqual(try ChildProcess.run(annotate(fresh)).status, 1, "one malformed line")
        let old = directory.file("old.sqlite")
        try writeTextKeyedOutputsCopy(of: fresh, to: old)
        let before = try DatabaseQueue(path: old).read { db in
            try Row.fetchAll(db, sql: "SELECT document_id, plugin_name, plugin_version, plugin_id, text_sha256, params_sha256, run_id FROM outputs ORDER BY 1, 2, 3")
        }

        for format in [["--with-documents"], ["--format", "csv"], []] {
            let a = try ChildProcess.run(["export", "--store", old] + format), b = try ChildProcess.run(["export", "--store", fresh] + format)
            XCTAssertEqual(a.status, 0, a.stderr)
            XCTAssertEqual(a.stdout, b.stdout, "export \(format)")
        }
        let migrated = try DatabaseQueue(path: old).read { db in try db.columns(in: "outputs").map(\.name) }
        XCTAssertEqual(migrated, ["document_key", "plugin_id", "params_id", "run_id", "text_sha256"])
        let documentColumns = try DatabaseQueue(path: old).read { db in try db.columns(in: "documents").map(\.name) }
        XCTAssertEqual(documentColumns.last, "text", "the text is the row's last column")
        XCTAssertEqual(try documentIndexes(old), try documentIndexes(fresh))
        let after = try DatabaseQueue(path: old).read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.id, p.name, p.version, o.plugin_id, COALESCE(o.text_sha256, d.text_sha256), pp.sha256, o.run_id
                FROM outputs o JOIN documents d ON d.key = o.document_key JOIN plugins p ON p.id = o.plugin_id
                JOIN output_params pp ON pp.id = o.params_id ORDER BY 1, 2, 3
                """)
        }
        XCTAssertEqual(after.map { Array($0.databaseValues) }, before.map { Array($0.databaseValues) }, "every output row carried over")
        let storedHashes = try DatabaseQueue(path: old).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(text_sha256) FROM outputs") }
        XCTAssertEqual(storedHashes, 0, "each output's text hash is its document's: none stored twice")

        for arguments in [["query", "--count"], ["query", "--label", "topic:", "--min-score", "0.5"], ["runs"],
                          ["query", "--count", "--plugin", "defense", "--language", "en"], ["errors", "--all"], ["check"]] {
            let a = try ChildProcess.run(arguments + ["--store", old]), b = try ChildProcess.run(arguments + ["--store", fresh])
            XCTAssertEqual(a.status, b.status, arguments.joined(separator: " "))
            XCTAssertEqual(a.stdout.replacingOccurrences(of: old, with: "STORE"), b.stdout.replacingOccurrences(of: fresh, with: "STORE"),
                           arguments.joined(separator: " "))
        }

        let resumed = try ChildProcess.run(annotate(old))
        XCTAssertTrue(resumed.stdout.contains("0 documents annotated, 60 already done"), resumed.stdout)
        let forced = try ChildProcess.run(annotate(old) + ["--force"])
        XCTAssertTrue(forced.stdout.contains("60 documents annotated"), forced.stdout)
        XCTAssertEqual(try exportJSONL(old), try exportJSONL(fresh), "a forced rerun on the migrated store replaces, never duplicates")
        let outputs = try DatabaseQueue(path: old).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outputs") }
        XCTAssertEqual(outputs, before.count, "one output row per document and plugin version after the forced rerun")
    }

    private func documentIndexes(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents' ORDER BY name")
        }
    }
}
