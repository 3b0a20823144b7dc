import GRDB

/// Bulk writes: a batch into a store that holds no annotations yet drops the query indexes
/// (`StoreMigrations.queryIndexNames`) and builds them once at the end, which costs less
/// than updating them row by row. A killed batch leaves them missing: opening the store
/// builds them again before anything reads it (``ensureQueryIndexes()``).
extension SQLiteAnnotationStore {
    public func beginBulkWrite() throws {
        try guarded {
            try database.write { db in
                let empty = try Int.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM annotations)") == 1
                guard empty else { return }
                for name in StoreMigrations.queryIndexNames { try db.execute(sql: "DROP INDEX IF EXISTS \(name)") }
            }
        }
    }

    public func finishBulkWrite() throws {
        try guarded { try database.write { db in try StoreMigrations.createAnnotationIndexes(in: db, query: true) } }
    }

    /// Builds the query indexes when they are missing (a bulk write was killed before its
    /// end); reads only the schema when they are there.
    func ensureQueryIndexes() throws {
        let present = try database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'annotations'")
        }
        guard !Set(StoreMigrations.queryIndexNames).isSubset(of: Set(present)) else { return }
        try database.write { db in try StoreMigrations.createAnnotationIndexes(in: db, query: true) }
    }
}
