import GRDB
import GRDBSQLite

/// Runs a cached INSERT statement with values bound straight through the SQLite C API:
/// the writer's hot path (an annotation or a plugin output a row), where building GRDB
/// `StatementArguments` for every row cost more than SQLite's own work.
///
/// ```swift
/// try DirectInsert(try db.cachedStatement(sql: "INSERT INTO t (a, b) VALUES (?, ?)"))
///     .bind(1, "text").bind(2, 42).run(in: db)
/// ```
struct DirectInsert {
    private let statement: Statement
    private var raw: SQLiteStatement { statement.sqliteStatement }
    /// SQLite copies bound text (the Swift string's bytes need not outlive the call).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement) {
        self.statement = statement
        sqlite3_reset(statement.sqliteStatement)
        sqlite3_clear_bindings(statement.sqliteStatement)
    }

    func bind(_ index: Int32, _ value: String?) -> DirectInsert {
        guard let value else { sqlite3_bind_null(raw, index); return self }
        var copy = value
        copy.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                _ = sqlite3_bind_text(raw, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
            } else {
                // A non-null pointer for "", which SQLite would otherwise store as NULL.
                _ = sqlite3_bind_text(raw, index, "", 0, Self.transient)
            }
        }
        return self
    }

    /// Binds UTF-8 bytes as text (SQLite copies them).
    func bind(_ index: Int32, utf8Text bytes: [UInt8]) -> DirectInsert {
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress, !buffer.isEmpty {
                _ = sqlite3_bind_text(raw, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(buffer.count), Self.transient)
            } else {
                // A non-null pointer for "", which SQLite would otherwise store as NULL.
                _ = sqlite3_bind_text(raw, index, "", 0, Self.transient)
            }
        }
        return self
    }

    func bind(_ index: Int32, _ value: Int64?) -> DirectInsert {
        if let value { sqlite3_bind_int64(raw, index, value) } else { sqlite3_bind_null(raw, index) }
        return self
    }

    func bind(_ index: Int32, _ value: Int?) -> DirectInsert { bind(index, value.map(Int64.init)) }

    func bind(_ index: Int32, _ value: Double) -> DirectInsert {
        sqlite3_bind_double(raw, index, value)
        return self
    }

    /// Steps the statement to its end; throws the SQLite error on failure.
    func run(in db: Database) throws {
        let code = sqlite3_step(raw)
        sqlite3_reset(raw)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: statement.sql)
        }
    }
}
