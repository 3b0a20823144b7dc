import Foundation
import GRDB
@testable import Marginalia
import XCTest

/// A new store is made by one script (`StoreSchema`), an existing one by the migrations
/// (`StoreMigrations`): both must end with the same schema and the same migrations
/// recorded. A migration added without its part of the script fails here.
final class StoreSchemaTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "marginalia-schema-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    /// Every object of the schema as (type, name, table, SQL), the SQL with its layout
    /// removed: runs of white space become one space, none is kept next to a parenthesis or
    /// a comma, and identifiers lose their quotes (`ALTER TABLE … RENAME` writes the new
    /// name quoted, `ADD COLUMN` appends the column where the closing parenthesis was).
    private func schema(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master").map { row in
            let sql: String? = row["sql"]
            return [row["type"], row["name"], row["tbl_name"], sql.map(Self.normalized) ?? "NULL"].joined(separator: " | ")
        }.sorted()
    }

    static func normalized(_ sql: String) -> String {
        var words = sql.replacingOccurrences(of: "\"", with: "")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for mark in ["(", ")", ","] {
            words = words.replacingOccurrences(of: " " + mark, with: mark).replacingOccurrences(of: mark + " ", with: mark)
        }
        return words
    }

    private func recorded(_ db: Database) throws -> (migrations: [String], userVersion: Int) {
        (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
         try Int.fetchOne(db, sql: "PRAGMA user_version") ?? -1)
    }

    func testTheNewStoreScriptMakesTheSchemaOfEveryMigrationRunFromEmpty() throws {
        let migrated = try DatabaseQueue(path: directory + "/migrated.sqlite")
        try StoreMigrations.migrator.migrate(migrated)
        let created = try SQLiteAnnotationStore(path: directory + "/created.sqlite")

        let expected = try migrated.read(schema)
        let actual = try created.database.read(schema)
        XCTAssertGreaterThan(expected.count, 20)
        XCTAssertEqual(actual.count, expected.count, "as many tables and indexes")
        XCTAssertEqual(Set(actual).symmetricDifference(expected).sorted(), [], "objects the script and the migrations make differently")
        XCTAssertTrue(expected.contains { $0.hasPrefix("table | documents | documents | CREATE TABLE documents(key INTEGER PRIMARY KEY,") })

        XCTAssertEqual(StoreSchema.migrations, StoreMigrations.migrator.migrations, "the script stands for every migration, in order")
        let versions = try migrated.read(recorded)
        XCTAssertEqual(try created.database.read(recorded).migrations, versions.migrations)
        XCTAssertEqual(try created.database.read(recorded).userVersion, versions.userVersion)
        XCTAssertTrue(try created.database.read(StoreMigrations.migrator.hasCompletedMigrations))
    }

    func testANewStoreIsMadeByTheScriptAndAnExistingOneIsNotRemade() throws {
        let path = directory + "/s.sqlite"
        let store = try SQLiteAnnotationStore(path: path)
        // `ALTER TABLE … RENAME` (the migrations' way) quotes the new name; the script does not.
        let documentsSQL = try store.database.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'documents'")
        }
        XCTAssertEqual(documentsSQL?.hasPrefix("CREATE TABLE documents ("), true, documentsSQL ?? "")
        let run = try store.beginRun(RunInfo(plugins: [], params: [:], inputs: ["fixture"]))
        try store.write(StoreBatch(documents: [Document(id: "a", text: "Kept.")]), runID: run)

        let reopened = try SQLiteAnnotationStore(path: path)
        XCTAssertEqual(try reopened.documentCount(), 1)
        XCTAssertEqual(try reopened.document(id: "a")?.text, "Kept.")
        XCTAssertFalse(try reopened.database.read { db in try StoreSchema.createIfEmpty(db) }, "a store with tables is left alone")
    }

    func testAStoreMadeByTheMigrationsOpensAsBefore() throws {
        let path = directory + "/old.sqlite"
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: "runs: CPU timings per stage")
        try queue.close()
        let store = try SQLiteAnnotationStore(path: path)
        let columns = try store.database.read { db in try db.columns(in: "documents").map(\.name) }
        XCTAssertEqual(columns.first, "key", "migrated on to the integer keys")
        XCTAssertEqual(columns.last, "text")
        XCTAssertTrue(try store.database.read(StoreMigrations.migrator.hasCompletedMigrations))
        let documentsSQL = try store.database.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'documents'")
        }
        XCTAssertEqual(documentsSQL?.hasPrefix("CREATE TABLE \"documents\""), true, "by the migrations: \(documentsSQL ?? "")")
    }
}
