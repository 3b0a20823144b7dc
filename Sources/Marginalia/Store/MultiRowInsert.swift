import GRDB
import GRDBSQLite

/// Rows of one table on their way into the store, inserted ``rowsPerStatement`` at a time
/// by one multi-row `INSERT … VALUES (…), (…), …` instead of one statement per row: every
/// statement SQLite runs opens its cursors, checks the transaction and halts, which cost
/// as much as inserting a small row itself. The batch's run id is bound once per
/// statement (`?1`); each row binds its other columns (`bind`, from parameter `first`).
///
/// Rows keep their order (an annotation gets the id a one-row insert would have given it).
/// Whoever deletes rows of the table flushes first (``flush(in:bind:)``), so that no
/// pending row is of something being replaced.
///
/// ```swift
/// let sql = MultiRowInsert<(Int64, Int64)>.sqlByRowCount("INSERT INTO t (a, b, run_id) VALUES ", ownColumns: 2, runIDAt: 2)
/// var outputs = try MultiRowInsert<(Int64, Int64)>(sqlByRowCount: sql, ownColumns: 2, runID: run, in: db)
/// outputs.append((1, 2))
/// try outputs.flush(in: db) { row, statement, first in
///     sqlite3_bind_int64(statement, first, row.0); sqlite3_bind_int64(statement, first + 1, row.1)
/// }
/// ```
struct MultiRowInsert<Row> {
    /// Rows a full statement inserts (the 16 and 32 rows measured alike; 64 cost more).
    static var rowsPerStatement: Int { 16 }

    /// The SQL of the statement for `n` rows at `[n]` (``sqlByRowCount(_:ownColumns:runIDAt:)``).
    private let sqlByRowCount: [String]
    private let ownColumns: Int
    private let runID: Int64
    /// The statement for `n` rows at `[n]`, looked up on first use in the batch (its SQL is
    /// long to hash); the full one at once.
    private var statements: [Statement?]
    private(set) var rows: [Row] = []

    /// `sqlByRowCount` is the statements' SQL (made once per process by
    /// ``sqlByRowCount(_:ownColumns:runIDAt:)``); a row has `ownColumns` parameters of its own.
    init(sqlByRowCount: [String], ownColumns: Int, runID: Int64, in db: Database) throws {
        self.sqlByRowCount = sqlByRowCount
        self.ownColumns = ownColumns
        self.runID = runID
        statements = Array(repeating: nil, count: Self.rowsPerStatement + 1)
        statements[Self.rowsPerStatement] = try db.cachedStatement(sql: sqlByRowCount[Self.rowsPerStatement])
        rows.reserveCapacity(Self.rowsPerStatement)
    }

    var isFull: Bool { rows.count >= Self.rowsPerStatement }

    mutating func append(_ row: Row) { rows.append(row) }

    /// Inserts every pending row, binding each with `bind(row, statement, first)`.
    mutating func flush(in db: Database, bind: (Row, SQLiteStatement, Int32) -> Void) throws {
        guard !rows.isEmpty else { return }
        let statement: Statement
        if let known = statements[rows.count] {
            statement = known
        } else {
            statement = try db.cachedStatement(sql: sqlByRowCount[rows.count])
            statements[rows.count] = statement
        }
        // Every parameter is bound again below: the earlier bindings need no clearing.
        let direct = DirectStatement(rebinding: statement)
        let raw = statement.sqliteStatement
        sqlite3_bind_int64(raw, 1, runID)
        for (offset, row) in rows.enumerated() { bind(row, raw, Int32(2 + offset * ownColumns)) }
        try direct.run(in: db)
        rows.removeAll(keepingCapacity: true)
    }

    /// The SQL for 0 to ``rowsPerStatement`` rows (`[0]` is unused): `prefix` is the
    /// statement up to `VALUES `, a row has `ownColumns` parameters of its own, and the run
    /// id in the column at `runIDPosition` (0-based) of the column list.
    static func sqlByRowCount(_ prefix: String, ownColumns: Int, runIDAt runIDPosition: Int) -> [String] {
        // Each statement is the one before it and one more row: every row's placeholders
        // are written once.
        var statements = [""]
        var sql = prefix
        for row in 0..<rowsPerStatement {
            if row > 0 { sql += ", " }
            sql += values(of: row, ownColumns: ownColumns, runIDAt: runIDPosition)
            statements.append(sql)
        }
        return statements
    }

    /// The parenthesized placeholders of row `row`: row `r` binds `?(2 + r * ownColumns)`
    /// onwards, and `?1` (the run id) in the column at `runIDPosition`.
    private static func values(of row: Int, ownColumns: Int, runIDAt runIDPosition: Int) -> String {
        let first = 2 + row * ownColumns
        var placeholders = (first..<first + ownColumns).map { "?\($0)" }
        placeholders.insert("?1", at: runIDPosition)
        return "(" + placeholders.joined(separator: ", ") + ")"
    }
}
