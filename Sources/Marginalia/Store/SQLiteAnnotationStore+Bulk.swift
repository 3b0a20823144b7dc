import GRDB

/// Bulk writes: a batch into a store that holds no annotations yet, or whose query indexes
/// (`StoreMigrations.queryIndexNames`) are missing, drops what is left of them and leaves
/// them missing when it ends. The first command that reads through them builds them once
/// (``prepareQueryIndexes()``, in `SQLiteAnnotationStore+QueryIndexes.swift`), so that a
/// corpus annotated in several batches (chunks, a resumed batch, cluster tasks) appends its
/// rows to the table and builds each index once, instead of updating it row by row from
/// the second batch on. A batch into a store whose query indexes are there keeps them up to
/// date row by row.
///
/// For the length of a bulk write the log is copied back into the database file by a
/// thread of its own (``WALCheckpointer``) rather than by the writer at every thousandth
/// page: `--timings` shows its CPU seconds as the stage `checkpoint` (``backgroundCPUSeconds``).
/// The writer's foreign-key checks stay off from the beginning of a bulk write to its end
/// (``BulkForeignKeys``): writes of the store in between are not checked against them.
/// A running bulk write also holds a ``BulkWriteMark``, which tells readers in other
/// processes not to build the indexes under it.
extension SQLiteAnnotationStore {
    public func beginBulkWrite() throws {
        try guarded {
            // One immediate transaction: a reader building the indexes (which looks for the
            // mark inside a transaction of its own) comes wholly before or wholly after.
            do {
                try database.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        let empty = try Int.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM annotations)") == 1
                        let indexed = try Self.hasQueryIndexes(db)
                        guard empty || !indexed else { return .commit }
                        for name in StoreMigrations.queryIndexNames { try db.execute(sql: "DROP INDEX IF EXISTS \(name)") }
                        bulkMark.hold(storePath: path)
                        try db.execute(sql: "PRAGMA cache_size = -\(Self.bulkWriteCacheKiB)")
                        return .commit
                    }
                }
            } catch {
                bulkMark.release()
                throw error
            }
            if checkpoints.start(path: path) {
                try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
            }
            // Off once for every batch of the bulk write, not around each one (`BulkForeignKeys`).
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA foreign_keys = OFF") }
            bulkForeignKeys.switchedOff = true
        }
    }

    public func finishBulkWrite() throws {
        try guarded {
            bulkMark.release()
            if bulkForeignKeys.switchedOff {
                try? database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
                bulkForeignKeys.switchedOff = false
            }
            try? database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKiB)") }
            // The thread stops after a last checkpoint, and the writer checkpoints again.
            if checkpoints.stop() {
                try? database.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA wal_autocheckpoint = \(automaticCheckpointPages)")
                }
            }
        }
    }

    /// The writer's page cache during a bulk write, in KiB: 4 MiB instead of ``cacheKiB``.
    /// A bulk write appends documents and annotations at the ends of their tables, and only
    /// the `id` indexes take rows all over their trees; with the full cache the writer
    /// filled 32 MiB with pages of document text it never read again (page faults and
    /// memory for nothing; see `Benchmarks/README.md`, issue 16).
    /// On a large store the writer pays a little more for its `id` index (+3 % write CPU-s at
    /// 1.1 GB of input) and the checkpoint thread about half as much: a run's CPU is the same,
    /// its peak RSS 29 MB lower.
    static let bulkWriteCacheKiB = 4096

    /// CPU seconds of the checkpoint threads of the bulk writes finished so far.
    public var backgroundCPUSeconds: Double { checkpoints.cpuSeconds }

    /// True when every query index is in the schema.
    static func hasQueryIndexes(_ db: Database) throws -> Bool {
        let present = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")
        return Set(StoreMigrations.queryIndexNames).isSubset(of: Set(present))
    }
}
