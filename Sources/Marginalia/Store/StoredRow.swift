import Foundation
import GRDB
import GRDBSQLite

/// One result row of a ``DirectStatement``, read column by column **by length**: text keeps
/// its NUL bytes, and a value of the wrong kind (a damaged or foreign store) is a thrown
/// ``StoredRow/Mismatch``, never a trap.
///
/// ```swift
/// try DirectStatement(try db.cachedStatement(sql: "SELECT id, title FROM documents"))
///     .forEachRow(in: db) { row in print(try row.text(0), try row.optionalText(1) ?? "-") }
/// ```
struct StoredRow {
    let raw: SQLiteStatement
    /// The statement's SQL, for a ``Mismatch`` only: read when one is thrown (GRDB's
    /// `Statement.sql` trims its text on every call, which cost more than reading a row).
    var sql: String { sqlite3_sql(raw).map { String(cString: $0) } ?? "" }

    /// A column holding a value the store never writes there.
    struct Mismatch: Error, CustomStringConvertible {
        var column: String
        var expected: String
        var found: String
        var sql: String
        var description: String { "column \(column) holds \(found), expected \(expected)" }
    }

    private func name(_ index: Int32) -> String {
        sqlite3_column_name(raw, index).map { String(cString: $0) } ?? "#\(index)"
    }

    private func kind(_ index: Int32) -> Int32 { sqlite3_column_type(raw, index) }

    private func mismatch(_ index: Int32, expected: String) -> Mismatch {
        let found: String
        switch kind(index) {
        case SQLITE_NULL: found = "NULL"
        case SQLITE_INTEGER: found = "an integer"
        case SQLITE_FLOAT: found = "a real number"
        case SQLITE_BLOB: found = "a blob"
        default: found = "text"
        }
        return Mismatch(column: name(index), expected: expected, found: found, sql: sql)
    }

    /// The column's bytes decoded as UTF-8 (invalid sequences become U+FFFD); throws on NULL.
    func text(_ index: Int32) throws -> String {
        guard let value = optionalText(index) else { throw mismatch(index, expected: "text") }
        return value
    }

    /// The column's bytes decoded as UTF-8, or nil for NULL.
    func optionalText(_ index: Int32) -> String? {
        guard kind(index) != SQLITE_NULL else { return nil }
        // sqlite3_column_text first (it converts numbers), then the byte count of that text.
        guard let start = sqlite3_column_text(raw, index) else { return "" }
        let count = Int(sqlite3_column_bytes(raw, index))
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    /// The column's exact bytes (text or blob), or nil for NULL.
    func bytes(_ index: Int32) -> [UInt8]? {
        guard kind(index) != SQLITE_NULL else { return nil }
        guard let start = sqlite3_column_blob(raw, index) else { return [] }
        let count = Int(sqlite3_column_bytes(raw, index))
        return Array(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// An integer column; throws on NULL or a value that is not an integer.
    func integer(_ index: Int32) throws -> Int64 {
        guard let value = try optionalInteger(index) else { throw mismatch(index, expected: "an integer") }
        return value
    }

    /// An integer column, or nil for NULL; throws on a value that is not an integer.
    func optionalInteger(_ index: Int32) throws -> Int64? {
        switch kind(index) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return sqlite3_column_int64(raw, index)
        default: throw mismatch(index, expected: "an integer")
        }
    }

    /// An optional integer as `Int`.
    func optionalInt(_ index: Int32) throws -> Int? { try optionalInteger(index).map { Int(truncatingIfNeeded: $0) } }

    /// An integer column as `Int`.
    func int(_ index: Int32) throws -> Int { Int(truncatingIfNeeded: try integer(index)) }

    /// A real (or integer) column; throws on NULL or text.
    func double(_ index: Int32) throws -> Double {
        switch kind(index) {
        case SQLITE_INTEGER, SQLITE_FLOAT: return sqlite3_column_double(raw, index)
        default: throw mismatch(index, expected: "a number")
        }
    }
}
