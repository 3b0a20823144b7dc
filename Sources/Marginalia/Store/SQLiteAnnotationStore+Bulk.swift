import GRDB

/// Bulk writes: a batch into a store that holds no annotations yet drops the query indexes
/// (`StoreMigrations.queryIndexNames`) and builds them once at the end, which costs less
/// than updating them row by row. A killed batch leaves them missing: opening the store
/// builds them again before anything reads it (``ensureQueryIndexes()``).
///
/// For the length of a bulk write the log is copied back into the database file by a
/// thread of its own (``WALCheckpointer``) rather than by the writer at every thousandth
/// page: `--timings` shows its CPU seconds as the stage `checkpoint` (``backgroundCPUSeconds``).
extension SQLiteAnnotationStore {
    public func beginBulkWrite() throws {
        try guarded {
            try database.write { db in
                let empty = try Int.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM annotations)") == 1
                guard empty else { return }
                for name in StoreMigrations.queryIndexNames { try db.execute(sql: "DROP INDEX IF EXISTS \(name)") }
            }
            if checkpoints.start(path: path) {
                try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
            }
        }
    }

    public func finishBulkWrite() throws {
        try guarded {
            // The thread stops (after a last checkpoint) and the writer checkpoints again,
            // whether the indexes could be built or not.
            defer {
                if checkpoints.stop() {
                    try? database.writeWithoutTransaction { db in
                        try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.automaticCheckpointPages)")
                    }
                }
            }
            try database.write { db in try StoreMigrations.createAnnotationIndexes(in: db, query: true) }
        }
    }

    /// SQLite's default: the writer copies the log back once it holds this many pages.
    static let automaticCheckpointPages = 1000

    /// CPU seconds of the checkpoint threads of the bulk writes finished so far.
    public var backgroundCPUSeconds: Double { checkpoints.cpuSeconds }

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
