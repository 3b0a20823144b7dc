import GRDB

/// The write path: one transaction per batch, every statement prepared once per
/// connection and reused (compiling SQL dominated the writer's time before).
extension SQLiteAnnotationStore {
    public func write(_ batch: StoreBatch, runID: Int64) throws {
        guard !batch.isEmpty else { return }
        try guarded {
            try database.write { db in
                var pluginIDs: [PluginIdentity: Int64] = [:]
                // Documents stored for the first time have no annotations to replace.
                var fresh: Set<String> = []
                for document in batch.documents where try Self.upsert(document, in: db) { fresh.insert(document.id) }
                for output in batch.outputs {
                    try Self.replace(output, runID: runID, pluginIDs: &pluginIDs, fresh: fresh.contains(output.documentID), in: db)
                }
                for error in batch.errors { try Self.insert(error, runID: runID, in: db) }
                for input in batch.completedInputs { try Self.record(input, runID: runID, in: db) }
            }
        }
    }

    /// Stores the document unless the same text is there; true when it was inserted.
    private static func upsert(_ document: Document, in db: Database) throws -> Bool {
        // Most documents are new: try the insert first, and look at the stored text only
        // when the id is taken.
        if try insertIfNew(document, in: db) { return true }
        let stored = try String.fetchOne(
            db.cachedStatement(sql: "SELECT text_sha256 FROM documents WHERE id = ?"), arguments: [document.id])
        if stored == document.textSHA256 { return false }
        // The text changed: its old annotations point at other offsets. Drop them all, and
        // forget which input files were complete (one of them may hold the old text).
        try db.cachedStatement(sql: "DELETE FROM annotations WHERE document_id = ?").execute(arguments: [document.id])
        try db.cachedStatement(sql: "DELETE FROM documents WHERE id = ?").execute(arguments: [document.id])
        try db.cachedStatement(sql: "DELETE FROM completed_inputs").execute()
        return try insertIfNew(document, in: db)
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

    private static func replace(_ output: PluginOutput, runID: Int64, pluginIDs: inout [PluginIdentity: Int64], fresh: Bool, in db: Database) throws {
        let pluginID = try pluginRowID(output.plugin, known: &pluginIDs, in: db)
        let plugin = output.plugin
        if !fresh {
            try db.cachedStatement(sql: "DELETE FROM annotations WHERE document_id = ? AND plugin_name = ? AND plugin_version = ?")
                .execute(arguments: [output.documentID, plugin.name, plugin.version])
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO annotations (document_id, plugin_id, plugin_name, plugin_version, run_id, label,
                                     byte_start, byte_end, cp_start, cp_end, score, features)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var features: [UInt8] = []
        for annotation in output.annotations {
            let span = annotation.span
            features.removeAll(keepingCapacity: true)
            annotation.features.write(toUTF8: &features)
            try DirectInsert(insert)
                .bind(1, output.documentID).bind(2, pluginID).bind(3, plugin.name).bind(4, plugin.version)
                .bind(5, runID).bind(6, annotation.label)
                .bind(7, span?.byteStart).bind(8, span?.byteEnd).bind(9, span?.codePointStart).bind(10, span?.codePointEnd)
                .bind(11, annotation.score).bind(12, utf8Text: features)
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
