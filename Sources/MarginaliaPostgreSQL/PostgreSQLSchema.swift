/// The PostgreSQL store's schema: the SQLite store's tables and meanings, as ordered
/// migrations recorded in `marginalia_migrations`. Text that exports sort on is
/// `COLLATE "C"` (byte order, as SQLite's BINARY), so both backends export the same bytes.
/// Shards starting at once migrate one at a time (an advisory lock).
///
/// Add a new migration at the end; never edit a shipped one.
enum PostgreSQLSchema {
    static let migrations: [(name: String, sql: String)] = [
        ("v1: documents, plugins, runs, outputs, annotations, errors, completed inputs", """
            CREATE TABLE documents (
                id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
                text TEXT COLLATE "C" NOT NULL,
                text_sha256 TEXT NOT NULL,
                title TEXT, date TEXT COLLATE "C", lang TEXT COLLATE "C", url TEXT, source TEXT,
                metadata TEXT NOT NULL,
                byte_length INTEGER NOT NULL,
                code_point_length INTEGER NOT NULL
            );
            CREATE INDEX documents_by_date ON documents(date);
            CREATE INDEX documents_by_lang ON documents(lang);
            CREATE TABLE plugins (
                id BIGSERIAL PRIMARY KEY,
                name TEXT COLLATE "C" NOT NULL,
                version TEXT COLLATE "C" NOT NULL,
                sha256 TEXT COLLATE "C" NOT NULL,
                UNIQUE (name, version, sha256)
            );
            CREATE TABLE runs (
                id BIGSERIAL PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                engine_version TEXT NOT NULL,
                plugins TEXT NOT NULL,
                params TEXT NOT NULL,
                inputs TEXT NOT NULL,
                settings TEXT NOT NULL DEFAULT '{}',
                documents BIGINT NOT NULL DEFAULT 0,
                annotations BIGINT NOT NULL DEFAULT 0,
                errors BIGINT NOT NULL DEFAULT 0,
                status TEXT NOT NULL DEFAULT 'running'
            );
            CREATE TABLE outputs (
                document_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                plugin_name TEXT COLLATE "C" NOT NULL,
                plugin_version TEXT COLLATE "C" NOT NULL,
                plugin_id BIGINT NOT NULL REFERENCES plugins(id),
                text_sha256 TEXT NOT NULL,
                params_sha256 TEXT NOT NULL,
                run_id BIGINT NOT NULL REFERENCES runs(id),
                PRIMARY KEY (document_id, plugin_name, plugin_version)
            );
            CREATE TABLE annotations (
                id BIGSERIAL PRIMARY KEY,
                document_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                plugin_id BIGINT NOT NULL REFERENCES plugins(id),
                plugin_name TEXT COLLATE "C" NOT NULL,
                plugin_version TEXT COLLATE "C" NOT NULL,
                run_id BIGINT NOT NULL REFERENCES runs(id),
                label TEXT COLLATE "C" NOT NULL,
                byte_start INTEGER, byte_end INTEGER,
                cp_start INTEGER, cp_end INTEGER,
                score DOUBLE PRECISION NOT NULL,
                features TEXT COLLATE "C" NOT NULL
            );
            CREATE INDEX annotations_by_output ON annotations(document_id, plugin_name, plugin_version);
            CREATE INDEX annotations_by_label_plugin_score ON annotations(label, plugin_id, score);
            CREATE INDEX annotations_by_plugin_label_score ON annotations(plugin_id, label, score);
            CREATE TABLE errors (
                id BIGSERIAL PRIMARY KEY,
                run_id BIGINT REFERENCES runs(id),
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
                documents BIGINT NOT NULL,
                errors BIGINT NOT NULL,
                run_id BIGINT NOT NULL REFERENCES runs(id),
                PRIMARY KEY (content_sha256, plugin_set_sha256)
            );
            """),
        ("v2: runs: CPU timings per stage", """
            ALTER TABLE runs ADD COLUMN timings TEXT;
            """),
    ]

    /// Brings the database up to date (creating the schema in an empty one). A database
    /// already up to date is only read, so that a role that may only read (a team member
    /// querying the shared store) opens it too.
    static func migrate(_ pool: PostgreSQLConnectionPool) throws {
        if try isUpToDate(pool) { return }
        try pool.transaction { connection in
            // Any fixed number: the lock that makes concurrent first runs migrate one by one.
            try connection.query("SELECT pg_advisory_xact_lock(7314218)")
            try connection.query("CREATE TABLE IF NOT EXISTS marginalia_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            let applied = Set(try connection.query("SELECT name FROM marginalia_migrations").compactMap { $0[0] })
            for migration in migrations where !applied.contains(migration.name) {
                try connection.run(script: migration.sql)
                try connection.query("INSERT INTO marginalia_migrations (name) VALUES ($1)", [migration.name])
            }
        }
    }

    /// True when every migration is recorded (a read, no lock, no DDL).
    private static func isUpToDate(_ pool: PostgreSQLConnectionPool) throws -> Bool {
        try pool.with { connection in
            guard try connection.query("SELECT to_regclass('marginalia_migrations') IS NOT NULL")[0][0] == "t" else { return false }
            let applied = Set(try connection.query("SELECT name FROM marginalia_migrations").compactMap { $0[0] })
            return migrations.allSatisfy { applied.contains($0.name) }
        }
    }
}
