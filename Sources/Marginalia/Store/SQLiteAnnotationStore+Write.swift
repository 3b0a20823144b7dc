import GRDB

/// The write path: one transaction per batch, every statement prepared once per
/// connection and reused (compiling SQL dominated the writer's time before).
extension SQLiteAnnotationStore {
    public func write(_ batch: StoreBatch, runID: Int64) throws {
        guard !batch.isEmpty else { return }
        try guarded {
            try database.write { db in
                var pluginIDs: [PluginIdentity: Int64] = [:]
                var labelIDs: [String: Int64] = [:]
                // Each document's integer key; those stored for the first time have no
                // annotations to replace.
                var keys: [String: (key: Int64, fresh: Bool)] = [:]
                for document in batch.documents { keys[document.id] = try Self.upsert(document, in: db) }
                for output in batch.outputs {
                    let stored: (key: Int64, fresh: Bool)
                    if let known = keys[output.documentID] {
                        stored = known
                    } else {
                        guard let key = try Self.documentKey(output.documentID, in: db) else {
                            throw StoreError(path: path, message: "output of '\(output.plugin.name)' for document '\(output.documentID)', which is not stored")
                        }
                        stored = (key, false)
                    }
                    try Self.replace(output, documentKey: stored.key, runID: runID, pluginIDs: &pluginIDs, labelIDs: &labelIDs,
                                     fresh: stored.fresh, in: db)
                }
                for error in batch.errors { try Self.insert(error, runID: runID, in: db) }
                for input in batch.completedInputs { try Self.record(input, runID: runID, in: db) }
                if let counts = batch.runProgress {
                    try db.cachedStatement(sql: "UPDATE runs SET documents = ?, annotations = ?, errors = ? WHERE id = ?")
                        .execute(arguments: [counts.documents, counts.annotations, counts.errors, runID])
                }
            }
        }
    }

    /// Stores the document unless the same text is there: its integer key, and whether
    /// it was inserted now.
    private static func upsert(_ document: Document, in db: Database) throws -> (key: Int64, fresh: Bool) {
        // Most documents are new: try the insert first, and look at the stored text only
        // when the id is taken.
        if try insertIfNew(document, in: db) { return (db.lastInsertedRowID, true) }
        let stored = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT key, text_sha256 FROM documents WHERE id = ?"), arguments: [document.id])!
        let key: Int64 = stored[0]
        if stored[1] == document.textSHA256 { return (key, false) }
        // The text changed: its old annotations point at other offsets. Drop them all, and
        // forget which input files were complete (one of them may hold the old text).
        try db.cachedStatement(sql: "DELETE FROM annotations WHERE document_key = ?").execute(arguments: [key])
        try db.cachedStatement(sql: "DELETE FROM documents WHERE key = ?").execute(arguments: [key])
        try db.cachedStatement(sql: "DELETE FROM completed_inputs").execute()
        _ = try insertIfNew(document, in: db)
        return (db.lastInsertedRowID, true)
    }

    /// The integer key of a stored document, or nil.
    static func documentKey(_ id: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT key FROM documents WHERE id = ?"), arguments: [id])
    }

    /// Inserts the document unless its id is taken; true when it was inserted.
    private static func insertIfNew(_ document: Document, in db: Database) throws -> Bool {
        let meta = document.metadata
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO documents (id, text, text_sha256, title, date, lang, url, source, metadata, byte_length, code_point_length)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                document.id, document.text, document.textSHA256, meta.title, meta.date, meta.language,
                meta.url, meta.source, JSONValue.object(meta.jsonObject).serialized(),
                document.text.utf8.count, TextUTF8.scalarCount(document.text),
            ])
        return db.changesCount > 0
    }

    private static func replace(_ output: PluginOutput, documentKey: Int64, runID: Int64, pluginIDs: inout [PluginIdentity: Int64],
                                labelIDs: inout [String: Int64], fresh: Bool, in db: Database) throws {
        let pluginID = try pluginRowID(output.plugin, known: &pluginIDs, in: db)
        let plugin = output.plugin
        if !fresh {
            // The same plugin version replaces its output, whatever its script hash.
            try db.cachedStatement(sql: """
                DELETE FROM annotations WHERE document_key = ? AND plugin_id IN (SELECT id FROM plugins WHERE name = ? AND version = ?)
                """).execute(arguments: [documentKey, plugin.name, plugin.version])
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO annotations (document_key, plugin_id, run_id, label, byte_start, byte_end, cp_start, cp_end, score, features)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var features: [UInt8] = []
        for annotation in output.annotations {
            let span = annotation.span
            let label = try labelRowID(annotation.label, known: &labelIDs, in: db)
            features.removeAll(keepingCapacity: true)
            annotation.features.write(toUTF8: &features)
            try DirectInsert(insert)
                .bind(1, documentKey).bind(2, pluginID).bind(3, runID).bind(4, label)
                .bind(5, span?.byteStart).bind(6, span?.byteEnd).bind(7, span?.codePointStart).bind(8, span?.codePointEnd)
                .bind(9, annotation.score).bind(10, utf8Text: features)
                .run(in: db)
        }
        try DirectInsert(db.cachedStatement(sql: """
            INSERT OR REPLACE INTO outputs (document_id, plugin_name, plugin_version, plugin_id, text_sha256, params_sha256, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """))
            .bind(1, output.documentID).bind(2, plugin.name).bind(3, plugin.version).bind(4, pluginID)
            .bind(5, output.textSHA256).bind(6, output.paramsSHA256).bind(7, runID)
            .run(in: db)
    }

    private static func insert(_ error: ProcessingError, runID: Int64, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO errors (run_id, document_id, source, plugin, kind, message, line) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [runID, error.documentID, error.source, error.plugin, error.kind.rawValue, error.message, error.line])
    }

    private static func record(_ input: CompletedInput, runID: Int64, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO completed_inputs (content_sha256, plugin_set_sha256, path, documents, errors, run_id)
            VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [input.contentSHA256, input.pluginSetSHA256, input.path, input.documents, input.errors, runID])
    }

    /// The row id of a label, interning it on first use.
    private static func labelRowID(_ label: String, known: inout [String: Int64], in db: Database) throws -> Int64 {
        if let id = known[label] { return id }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO labels (name) VALUES (?)").execute(arguments: [label])
        let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM labels WHERE name = ?"), arguments: [label])!
        known[label] = id
        return id
    }

    /// The row id of a plugin version, inserting it on first use.
    private static func pluginRowID(_ plugin: PluginIdentity, known: inout [PluginIdentity: Int64], in db: Database) throws -> Int64 {
        if let id = known[plugin] { return id }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO plugins (name, version, sha256) VALUES (?, ?, ?)")
            .execute(arguments: [plugin.name, plugin.version, plugin.sha256])
        let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM plugins WHERE name = ? AND version = ? AND sha256 = ?"),
            arguments: [plugin.name, plugin.version, plugin.sha256])!
        known[plugin] = id
        return id
    }
}
