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
                        try db.execute(sql: "PRAGMA wal_autocheckpoint = \(automaticCheckpointPages)")
                    }
                }
            }
            try database.write { db in try StoreMigrations.createAnnotationIndexes(in: db, query: true) }
        }
    }

    /// CPU seconds of the checkpoint threads of the bulk writes finished so far.
    public var backgroundCPUSeconds: Double { checkpoints.cpuSeconds }

    /// Builds the query indexes when they are missing (a bulk write was killed before its
    /// end, or stopped by a full disk); reads only the schema when they are there. On a disk
    /// still full they stay missing, so that the store can be read and checked there:
    /// queries answer without them (more slowly), and the next opening builds them.
    func ensureQueryIndexes() throws {
        let present = try database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'annotations'")
        }
        guard !Set(StoreMigrations.queryIndexNames).isSubset(of: Set(present)) else { return }
        do {
            try database.write { db in try StoreMigrations.createAnnotationIndexes(in: db, query: true) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            return
        }
    }
}
