import GRDB

/// The store's schema, as ordered migrations. Add a new migration; never edit a shipped one.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents, plugins, runs, outputs, annotations, errors") { db in
            try db.execute(sql: """
                CREATE TABLE documents (
                    id TEXT PRIMARY KEY NOT NULL,
                    text TEXT NOT NULL,
                    text_sha256 TEXT NOT NULL,
                    title TEXT, date TEXT, lang TEXT, url TEXT, source TEXT,
                    metadata TEXT NOT NULL,
                    byte_length INTEGER NOT NULL,
                    code_point_length INTEGER NOT NULL
                );
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
                    status TEXT NOT NULL DEFAULT 'running'
                );
                -- One row per (document, plugin version): what the last run of that plugin
                -- version on that document text produced. Resume and replacement key on it.
                CREATE TABLE outputs (
                    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    plugin_name TEXT NOT NULL,
                    plugin_version TEXT NOT NULL,
                    plugin_id INTEGER NOT NULL REFERENCES plugins(id),
                    text_sha256 TEXT NOT NULL,
                    params_sha256 TEXT NOT NULL,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    PRIMARY KEY (document_id, plugin_name, plugin_version)
                );
                CREATE TABLE annotations (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    plugin_id INTEGER NOT NULL REFERENCES plugins(id),
                    plugin_name TEXT NOT NULL,
                    plugin_version TEXT NOT NULL,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    label TEXT NOT NULL,
                    byte_start INTEGER, byte_end INTEGER,
                    cp_start INTEGER, cp_end INTEGER,
                    score REAL NOT NULL,
                    features TEXT NOT NULL
                );
                CREATE INDEX annotations_by_output ON annotations(document_id, plugin_name, plugin_version);
                CREATE INDEX annotations_by_label ON annotations(label, plugin_id);
                CREATE INDEX annotations_by_plugin ON annotations(plugin_id);
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
                """)
        }
        migrator.registerMigration("v2: query indexes (label, plugin, score; document date, language)") { db in
            // Covering index for `query --count` and score filters; it supersedes
            // annotations_by_label, whose columns are its prefix.
            try db.execute(sql: """
                CREATE INDEX annotations_by_label_plugin_score ON annotations(label, plugin_id, score);
                DROP INDEX annotations_by_label;
                CREATE INDEX documents_by_date ON documents(date);
                CREATE INDEX documents_by_lang ON documents(lang);
                """)
        }
        migrator.registerMigration("v3: covering indexes for counts by plugin and by document") { db in
            // `query --count --plugin …` groups by label inside one plugin: (plugin_id, label,
            // score) answers it from the index and supersedes annotations_by_plugin. Filters on
            // documents (id, date, language) reach annotations through document_id: with label,
            // plugin and score in annotations_by_output they never read the annotation rows.
            try db.execute(sql: """
                CREATE INDEX annotations_by_plugin_label_score ON annotations(plugin_id, label, score);
                DROP INDEX annotations_by_plugin;
                DROP INDEX annotations_by_output;
                CREATE INDEX annotations_by_output ON annotations(document_id, plugin_name, plugin_version, label, plugin_id, score);
                """)
        }
        migrator.registerMigration("batch: run settings and completed input files") { db in
            // settings: how a run was made (sandbox limits, jobs), so that `marginalia errors`
            // can print a command reproducing each failure under the same limits.
            // completed_inputs: files whose every document was committed by one plugin set; a
            // rerun skips them whole. Keyed by content hashes, like everything else.
            try db.execute(sql: """
                ALTER TABLE runs ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
                CREATE TABLE completed_inputs (
                    content_sha256 TEXT NOT NULL,
                    plugin_set_sha256 TEXT NOT NULL,
                    path TEXT NOT NULL,
                    documents INTEGER NOT NULL,
                    errors INTEGER NOT NULL,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    PRIMARY KEY (content_sha256, plugin_set_sha256)
                );
                """)
        }
        migrator.registerMigration("runs: CPU timings per stage") { db in
            // timings: `annotate --timings`' CPU seconds per stage as JSON (see RunTimings),
            // NULL for runs that did not measure them.
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN timings TEXT")
        }
        migrator.registerMigration("bulk layout: integer keys for documents and labels") { db in
            try StoreMigrations.internKeys(in: db)
        }
        migrator.registerMigration("bulk layout: outputs keyed by integers, document text last") { db in
            try StoreMigrations.keyOutputs(in: db)
            try StoreMigrations.putDocumentTextLast(in: db)
        }
        migrator.registerMigration("resume: plugin sets recorded by selection") { db in
            // What loading a selection of plugins gave, for a resumed run to know its plugins
            // without running their scripts (see `RecordedPluginSet` in MarginaliaBatch).
            try db.execute(sql: StoreMigrations.recordedPluginSetsSQL)
        }
        return migrator
    }

    /// The bulk-write layout (see docs/store-layout.md): documents get an integer `key`,
    /// labels are interned once in `labels`, and an annotation row holds only integers,
    /// its score and its features — no repeated text. Rows keep their ids; every query
    /// index is rebuilt on integer keys. An existing store is migrated in place.
    static func internKeys(in db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE documents_keyed (
                key INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                text TEXT NOT NULL,
                text_sha256 TEXT NOT NULL,
                title TEXT, date TEXT, lang TEXT, url TEXT, source TEXT,
                metadata TEXT NOT NULL,
                byte_length INTEGER NOT NULL,
                code_point_length INTEGER NOT NULL
            );
            INSERT INTO documents_keyed (key, id, text, text_sha256, title, date, lang, url, source, metadata, byte_length, code_point_length)
                SELECT rowid, id, text, text_sha256, title, date, lang, url, source, metadata, byte_length, code_point_length
                FROM documents ORDER BY rowid;
            CREATE TABLE labels (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE
            );
            INSERT INTO labels (name) SELECT DISTINCT label FROM annotations ORDER BY label;
            CREATE TABLE annotations_keyed (
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
            INSERT INTO annotations_keyed (id, document_key, plugin_id, run_id, label, byte_start, byte_end, cp_start, cp_end, score, features)
                SELECT a.id, d.rowid, a.plugin_id, a.run_id, l.id, a.byte_start, a.byte_end, a.cp_start, a.cp_end, a.score, a.features
                FROM annotations a JOIN documents d ON d.id = a.document_id JOIN labels l ON l.name = a.label ORDER BY a.id;
            DROP TABLE annotations;
            DROP TABLE documents;
            ALTER TABLE documents_keyed RENAME TO documents;
            ALTER TABLE annotations_keyed RENAME TO annotations;
            """)
        try createIndexes(in: db, query: true)
    }

    /// The bulk-write layout of `outputs` (see docs/store-layout.md): one row of integers per
    /// (document, plugin version), keyed by the document's integer key and the plugin row,
    /// without a rowid; the parameters' hash is interned once in `output_params`, and the
    /// text hash is stored only when it is not the document's own (NULL otherwise). Was: three
    /// text keys and two 64-digit hashes per row, a larger table than the annotations. An
    /// existing store is migrated in place; an output row without its document (a damaged
    /// store: `marginalia check` names them) has no integer key and is not carried over.
    static func keyOutputs(in db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE output_params (
                id INTEGER PRIMARY KEY,
                sha256 TEXT NOT NULL UNIQUE
            );
            INSERT INTO output_params (sha256) SELECT DISTINCT params_sha256 FROM outputs ORDER BY params_sha256;
            CREATE TABLE outputs_keyed (
                document_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
                plugin_id INTEGER NOT NULL REFERENCES plugins(id),
                params_id INTEGER NOT NULL REFERENCES output_params(id),
                run_id INTEGER NOT NULL REFERENCES runs(id),
                text_sha256 TEXT,
                PRIMARY KEY (document_key, plugin_id)
            ) WITHOUT ROWID;
            INSERT INTO outputs_keyed (document_key, plugin_id, params_id, run_id, text_sha256)
                SELECT d.key, o.plugin_id, pp.id, o.run_id, NULLIF(o.text_sha256, d.text_sha256)
                FROM outputs o JOIN documents d ON d.id = o.document_id JOIN output_params pp ON pp.sha256 = o.params_sha256
                ORDER BY d.key, o.plugin_id;
            DROP TABLE outputs;
            ALTER TABLE outputs_keyed RENAME TO outputs;
            """)
    }

    /// A document's text becomes the last column of its row: the columns before it (id, text
    /// hash, metadata, lengths) are then read from the row's first page, where a column
    /// after a text of several pages is found only by walking the pages of the text (resume
    /// reads the stored text hash of every document it decides on). Same keys, same rows.
    static func putDocumentTextLast(in db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE documents_text_last (
                key INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                text_sha256 TEXT NOT NULL,
                title TEXT, date TEXT, lang TEXT, url TEXT, source TEXT,
                metadata TEXT NOT NULL,
                byte_length INTEGER NOT NULL,
                code_point_length INTEGER NOT NULL,
                text TEXT NOT NULL
            );
            INSERT INTO documents_text_last (key, id, text_sha256, title, date, lang, url, source, metadata, byte_length, code_point_length, text)
                SELECT key, id, text_sha256, title, date, lang, url, source, metadata, byte_length, code_point_length, text
                FROM documents ORDER BY key;
            DROP TABLE documents;
            ALTER TABLE documents_text_last RENAME TO documents;
            CREATE INDEX documents_by_date ON documents(date);
            CREATE INDEX documents_by_lang ON documents(lang);
            """)
    }

    /// The table of the plugin sets recorded by selection (`AnnotationStore.recordedPluginSet`): a selection key, and the JSON of the plugin set
    /// it gave with every file its loading read.
    static let recordedPluginSetsSQL = """
        CREATE TABLE plugin_set_records (
            selection_sha256 TEXT NOT NULL PRIMARY KEY,
            plugin_set TEXT NOT NULL
        )
        """

    /// The index every write needs: a document's annotations by plugin (replacing an
    /// output, exporting a document), covering the counts filtered by document.
    static let documentIndexSQL = """
        CREATE INDEX IF NOT EXISTS annotations_by_output ON annotations(document_key, plugin_id, label, score)
        """

    /// The query indexes of `query --count`, `merge` and the date and language filters,
    /// which a bulk write drops and the first query builds (see
    /// `SQLiteAnnotationStore+QueryIndexes.swift`). The two on `documents` cost the writer
    /// about 14 % of its CPU in a bulk write of the news corpus (`Benchmarks/README.md`,
    /// issue 16, session 16); built at the end they take a few milliseconds.
    static let queryIndexNames = ["annotations_by_label_plugin_score", "annotations_by_plugin_label_score",
                                  "documents_by_date", "documents_by_lang"]
    static let queryIndexSQL = """
        CREATE INDEX IF NOT EXISTS annotations_by_label_plugin_score ON annotations(label, plugin_id, score);
        CREATE INDEX IF NOT EXISTS annotations_by_plugin_label_score ON annotations(plugin_id, label, score);
        CREATE INDEX IF NOT EXISTS documents_by_date ON documents(date);
        CREATE INDEX IF NOT EXISTS documents_by_lang ON documents(lang);
        """

    /// Creates what is missing of the writer's index and, with `query`, of the query indexes
    /// of `annotations` and `documents`.
    static func createIndexes(in db: Database, query: Bool) throws {
        try db.execute(sql: documentIndexSQL)
        if query { try db.execute(sql: queryIndexSQL) }
    }
}
