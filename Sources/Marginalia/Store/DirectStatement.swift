import GRDB
import GRDBSQLite

/// Runs a cached statement with values bound straight through the SQLite C API, and reads
/// its rows the same way: every string is bound and read **by length**, so text holding a
/// NUL byte keeps all its bytes (GRDB's own bindings and rows stop at the first NUL).
/// It is also the writer's hot path (an annotation a row), where building GRDB
/// `StatementArguments` for every row cost more than SQLite's own work.
///
/// ```swift
/// try DirectStatement(try db.cachedStatement(sql: "INSERT INTO t (a, b) VALUES (?, ?)"))
///     .bind(1, "text\u{0}more").bind(2, 42).run(in: db)
/// try DirectStatement(try db.cachedStatement(sql: "SELECT a, b FROM t WHERE b > ?"), [0])
///     .forEachRow(in: db) { row in print(try row.text(0), try row.integer(1)) }
/// ```
struct DirectStatement {
    private let statement: Statement
    private var raw: SQLiteStatement { statement.sqliteStatement }
    /// SQLite copies bound text (the Swift string's bytes need not outlive the call).
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement) {
        self.statement = statement
        sqlite3_reset(statement.sqliteStatement)
        sqlite3_clear_bindings(statement.sqliteStatement)
    }

    /// The statement for a row that binds **every** parameter again (the writer's hot rows):
    /// its earlier bindings are not cleared, which saves a call per row.
    init(rebinding statement: Statement) {
        self.statement = statement
        sqlite3_reset(statement.sqliteStatement)
    }

    /// The statement with `arguments` bound to `?1`, `?2`, … (strings, integers, doubles,
    /// booleans as 0/1, nil as NULL).
    init(_ statement: Statement, _ arguments: [(any DatabaseValueConvertible)?]) {
        self.init(statement)
        for (offset, argument) in arguments.enumerated() { _ = bind(Int32(offset + 1), value: argument) }
    }

    private func bind(_ index: Int32, value: (any DatabaseValueConvertible)?) -> DirectStatement {
        switch value {
        case nil: return bind(index, nil as String?)
        case let string as String: return bind(index, string)
        case let integer as Int64: return bind(index, integer)
        case let integer as Int: return bind(index, integer)
        case let integer as Int32: return bind(index, Int64(integer))
        case let boolean as Bool: return bind(index, boolean ? 1 : 0)
        case let number as Double: return bind(index, number)
        case let other?:
            // Anything else goes through GRDB's own binding (no type here needs it today).
            _ = other.databaseValue.bind(to: raw, at: index)
            return self
        }
    }

    func bind(_ index: Int32, _ value: String?) -> DirectStatement {
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
    func bind(_ index: Int32, utf8Text bytes: [UInt8]) -> DirectStatement {
        bytes.withUnsafeBufferPointer { bind(index, utf8Text: $0) }
    }

    /// Binds UTF-8 bytes as text (SQLite copies them, so they need not outlive the call).
    func bind(_ index: Int32, utf8Text buffer: UnsafeBufferPointer<UInt8>) -> DirectStatement {
        if let base = buffer.baseAddress, !buffer.isEmpty {
            _ = sqlite3_bind_text(raw, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(buffer.count), Self.transient)
        } else {
            // A non-null pointer for "", which SQLite would otherwise store as NULL.
            _ = sqlite3_bind_text(raw, index, "", 0, Self.transient)
        }
        return self
    }

    func bind(_ index: Int32, _ value: Int64?) -> DirectStatement {
        if let value { sqlite3_bind_int64(raw, index, value) } else { sqlite3_bind_null(raw, index) }
        return self
    }

    func bind(_ index: Int32, _ value: Int?) -> DirectStatement { bind(index, value.map(Int64.init)) }

    func bind(_ index: Int32, _ value: Double) -> DirectStatement {
        sqlite3_bind_double(raw, index, value)
        return self
    }

    /// Steps the statement to its end; throws the SQLite error on failure.
    func run(in db: Database) throws {
        let code = sqlite3_step(raw)
        sqlite3_reset(raw)
        guard code == SQLITE_DONE else { throw failure(code, in: db) }
    }

    /// Calls `body` with each result row, in order.
    func forEachRow(in db: Database, _ body: (StoredRow) throws -> Void) throws {
        defer { sqlite3_reset(raw) }
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw failure(code, in: db) }
            try body(StoredRow(raw: raw))
        }
    }

    /// Every row turned into a value by `make`.
    func rows<T>(in db: Database, _ make: (StoredRow) throws -> T) throws -> [T] {
        var values: [T] = []
        try forEachRow(in: db) { values.append(try make($0)) }
        return values
    }

    /// The first row turned into a value by `make`, or nil when there is none.
    func firstRow<T>(in db: Database, _ make: (StoredRow) throws -> T) throws -> T? {
        defer { sqlite3_reset(raw) }
        let code = sqlite3_step(raw)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw failure(code, in: db) }
        return try make(StoredRow(raw: raw))
    }

    private func failure(_ code: Int32, in db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                      sql: statement.sql)
    }
}
