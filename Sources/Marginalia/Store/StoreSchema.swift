import GRDB

/// The schema of a new store, made by one script instead of by every migration in turn.
/// Running `StoreMigrations` from an empty file parses and re-reads the schema after each
/// step (tables made, copied and renamed): about 30 M instructions for every `annotate`
/// into a new store, more than the rest of a small run. An existing store is still migrated
/// in place by `StoreMigrations`; only an empty file takes this script.
///
/// The script is the schema the migrations end with, table by table and index by index,
/// and it records the migrations it stands for in GRDB's `grdb_migrations` table, so that
/// the migrator finds them applied. `StoreSchemaTests` checks that a store made by the
/// script and one made by every migration from empty have the same `sqlite_master` and the
/// same applied migrations: **a new migration must be added here too** (a column, table or
/// index in the script, and its identifier in ``migrations``), or that test fails. Should the
/// list fall behind anyway, the migrations it does not name run after the script.
///
/// ```swift
/// try database.writeWithoutTransaction { db in
///     try db.inTransaction(.immediate) { _ = try StoreSchema.createIfEmpty(db); return .commit }
/// }
/// ```
enum StoreSchema {
    /// The identifiers of the migrations the script stands for, in their order.
    static let migrations = [
        "v1: documents, plugins, runs, outputs, annotations, errors",
        "v2: query indexes (label, plugin, score; document date, language)",
        "v3: covering indexes for counts by plugin and by document",
        "batch: run settings and completed input files",
        "runs: CPU timings per stage",
        "bulk layout: integer keys for documents and labels",
        "bulk layout: outputs keyed by integers, document text last",
        "resume: plugin sets recorded by selection",
    ]

    /// Makes the schema when the database holds nothing at all (no table, no index); true
    /// when it did. Call it inside a write transaction, so that two processes creating the
    /// same store make it once.
    static func createIfEmpty(_ db: Database) throws -> Bool {
        guard try Int.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM sqlite_master)") == 1 else { return false }
        try db.execute(sql: script)
        let recorded = try db.makeStatement(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)")
        for identifier in migrations { try recorded.execute(arguments: [identifier]) }
        return true
    }

    /// The tables and indexes, as the migrations leave them (columns in the same order).
    static let script = """
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        CREATE TABLE plugins (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            UNIQUE (name, version, sha256)
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            engine_version TEXT NOT NULL,
            plugins TEXT NOT NULL,
            params TEXT NOT NULL,
            inputs TEXT NOT NULL,
            documents INTEGER NOT NULL DEFAULT 0,
            annotations INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'running',
            settings TEXT NOT NULL DEFAULT '{}',
            timings TEXT
        );
        CREATE TABLE errors (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER REFERENCES runs(id),
            document_id TEXT,
            source TEXT,
            plugin TEXT,
            kind TEXT NOT NULL,
            message TEXT NOT NULL,
            line INTEGER
        );
        CREATE INDEX errors_by_run ON errors(run_id);
        CREATE TABLE completed_inputs (
            content_sha256 TEXT NOT NULL,
            plugin_set_sha256 TEXT NOT NULL,
            path TEXT NOT NULL,
            documents INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            PRIMARY KEY (content_sha256, plugin_set_sha256)
        );
        CREATE TABLE labels (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            document_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
            plugin_id INTEGER NOT NULL REFERENCES plugins(id),
            run_id INTEGER NOT NULL REFERENCES runs(id),
            label INTEGER NOT NULL REFERENCES labels(id),
            byte_start INTEGER, byte_end INTEGER,
            cp_start INTEGER, cp_end INTEGER,
            score REAL NOT NULL,
            features TEXT NOT NULL
        );
        CREATE TABLE output_params (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE
        );
        CREATE TABLE outputs (
            document_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
            plugin_id INTEGER NOT NULL REFERENCES plugins(id),
            params_id INTEGER NOT NULL REFERENCES output_params(id),
            run_id INTEGER NOT NULL REFERENCES runs(id),
            text_sha256 TEXT,
            PRIMARY KEY (document_key, plugin_id)
        ) WITHOUT ROWID;
        CREATE TABLE documents (
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            text_sha256 TEXT NOT NULL,
            title TEXT, date TEXT, lang TEXT, url TEXT, source TEXT,
            metadata TEXT NOT NULL,
            byte_length INTEGER NOT NULL,
            code_point_length INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        \(StoreMigrations.recordedPluginSetsSQL);
        \(StoreMigrations.documentIndexSQL);
        \(StoreMigrations.queryIndexSQL)
        """
}
