import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// `marginalia check --store postgresql://…`: a good store passes with the counts the SQLite
/// check gives for the same corpus; a store damaged with SQL (as a careless `psql` session
/// would) fails, each fault named with its document and annotation.
final class PostgreSQLCheckTests: XCTestCase {
    private let directory = TemporaryDirectory()

    private func run(_ arguments: [String], _ store: TestStore, status: Int32) throws -> CommandResult {
        let result = try ChildProcess.run(arguments + ["--store", store.location], environment: store.environment)
        XCTAssertEqual(result.status, status, "marginalia \(arguments.joined(separator: " ")): \(result.stdout)\(result.stderr)")
        return result
    }

    /// The seeds annotated into a fresh store on `backend`.
    private func annotatedSeeds(_ backend: TestStore.Backend) throws -> TestStore {
        let store = try TestStore.make(backend, in: directory)
        _ = try run(["annotate", Repository.path("seeds"), "--jobs", "2", "--quiet"], store, status: 0)
        return store
    }

    func testAGoodStorePassesWithTheCountsOfTheSQLiteCheck() throws {
        let postgresql = try annotatedSeeds(.postgresql)
        let sqlite = try annotatedSeeds(.sqlite)
        let fromPostgreSQL = try run(["check"], postgresql, status: 0).stdout
        let fromSQLite = try run(["check"], sqlite, status: 0).stdout
        XCTAssertTrue(fromPostgreSQL.hasPrefix("\(postgresql.location): ok (5 documents and "), fromPostgreSQL)
        XCTAssertEqual(fromPostgreSQL.replacingOccurrences(of: postgresql.location, with: "STORE"),
                       fromSQLite.replacingOccurrences(of: sqlite.location, with: "STORE"))
        // A search index (built by the first search of `serve`) is part of a good store too.
        _ = try postgresql.sql("CREATE INDEX documents_search ON documents USING gin (to_tsvector('simple', text))")
        _ = try run(["check"], postgresql, status: 0)
    }

    func testEveryFaultDoneWithSQLIsNamed() throws {
        let store = try annotatedSeeds(.postgresql)
        let document = "000_fac921506216631c", other = "002_5d20180c7dd8879e"
        let span = try XCTUnwrap(Int(store.sql("""
            SELECT min(a.id) FROM annotations a WHERE a.document_id = '\(document)' AND a.byte_start IS NOT NULL
            """).trimmingCharacters(in: .whitespacesAndNewlines)))
        let shifted = span + 1
        let described = try store.sql("SELECT '''' || a.label || ''' of ' || p.name || ' ' || p.version FROM annotations a JOIN plugins p ON p.id = a.plugin_id WHERE a.id = \(span)")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try store.sql("""
            UPDATE documents SET text_sha256 = repeat('0', 64) WHERE id = '\(document)';
            UPDATE documents SET byte_length = byte_length + 1, code_point_length = 7 WHERE id = '\(other)';
            UPDATE annotations SET byte_end = 900000 WHERE id = \(span);
            UPDATE annotations SET cp_start = cp_start + 1 WHERE id = \(shifted) AND byte_start IS NOT NULL;
            DELETE FROM outputs WHERE plugin_name = 'places' AND document_id = '\(other)';
            SET session_replication_role = replica;
            DELETE FROM documents WHERE id = '004_967e61519e458d4d';
            """)
        let check = try run(["check", "--limit", "1000"], store, status: 1)
        let byteLength = try store.sql("SELECT byte_length FROM documents WHERE id = '\(other)'").trimmingCharacters(in: .whitespacesAndNewlines)
        for expected in [
            "document \(document): text_sha256 does not match its text",
            "document \(other): byte_length is \(byteLength), its text has \(Int(byteLength)! - 1) bytes",
            "document \(other): code_point_length is 7, its text has ",
            "document \(document): annotation \(span) \(described): bytes ",
            "..<900000 are outside the text (",
            "document \(other): annotation ",
            ": no output row records it (document, plugin, version)",
            "document 004_967e61519e458d4d: annotation ",
            ": its document is not stored",
            "document 004_967e61519e458d4d: an output of ",
        ] {
            XCTAssertTrue(check.stdout.contains(expected), "\(expected) in:\n\(check.stdout)")
        }
        XCTAssertTrue(check.stderr.contains("\(store.location): "), check.stderr)
        XCTAssertTrue(check.stderr.contains(" problems (4 documents and "), check.stderr)

        // Foreign keys switched off are named too, as is the way back.
        try store.sql("ALTER TABLE annotations DISABLE TRIGGER ALL")
        let switchedOff = try run(["check", "--limit", "1"], store, status: 1)
        XCTAssertTrue(switchedOff.stdout.hasPrefix("foreign-key checks are switched off on annotations (ALTER TABLE … DISABLE TRIGGER ALL)"),
                      switchedOff.stdout)
        XCTAssertTrue(switchedOff.stdout.contains("… and "), "the other problems are counted: \(switchedOff.stdout)")
    }

    func testThePasswordIsNeverPrinted() throws {
        let store = try annotatedSeeds(.postgresql)
        let password = store.environment["PGPASSWORD"] ?? ""
        let result = try ChildProcess.run(["check", "--store", "\(store.location)?password=\(password)"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("password=***): ok") || result.stdout.contains("password=***: ok"), result.stdout)
        XCTAssertFalse((result.stdout + result.stderr).contains(password))
    }
}
