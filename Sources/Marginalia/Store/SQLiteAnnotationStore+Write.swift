import GRDB
import GRDBSQLite

/// The write path: one transaction per batch, every statement prepared once per
/// connection and reused (compiling SQL dominated the writer's time before), looked up once
/// per batch (``WriteStatements``). Every string is bound by length (``DirectStatement``),
/// so NUL bytes are stored, and every span is checked against its document's text before
/// it is written.
///
/// Foreign-key checks are off while a batch writes (for a bulk write, from its beginning to
/// its end: ``BulkForeignKeys``): every key the writer stores is one it
/// has just inserted or looked up in the same transaction (document keys, plugin and label
/// ids, the run), so the checks only repeated those look-ups — four B-tree seeks for every
/// annotation row. What `ON DELETE CASCADE` did for a replaced text the writer does itself
/// (its annotations and outputs go with it). `marginalia check` still finds orphan rows.
extension SQLiteAnnotationStore {
    /// The lengths, metadata and features of a document and its outputs, for a worker to
    /// encode (the writer then only binds and steps them).
    public func encodedRows(of document: Document, outputs: [PluginOutput]) -> EncodedRows? {
        EncodedRows(document: document, outputs: outputs)
    }

    public func write(_ batch: StoreBatch, runID: Int64) throws {
        guard !batch.isEmpty else { return }
        do { try write(batch, runID: runID, in: database) } catch let problem as InconsistentAnnotation {
            throw StoreError(path: path, message: "\(problem); nothing of this batch was written")
        }
    }

    private func write(_ batch: StoreBatch, runID: Int64, in database: DatabasePool) throws {
        try guarded {
            // A log the checkpoint thread has fallen behind on is copied before it grows more.
            checkpoints.waitIfBehind(frames: Int32(automaticCheckpointPages))
            try database.writeWithoutTransaction { db in
                func transaction() throws {
                    try db.inTransaction(.immediate) {
                        try write(batch, runID: runID, in: db)
                        return .commit
                    }
                }
                // A bulk write switched them off for all of its batches (`BulkForeignKeys`).
                if bulkForeignKeys.switchedOff { return try transaction() }
                // A no-op inside a transaction: set before it begins, restored after it ends.
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                try transaction()
            }
            checkpoints.request()
        }
    }

    private func write(_ batch: StoreBatch, runID: Int64, in db: Database) throws {
        let statements = try WriteStatements(db)
        var interned = InternedKeys()
        // Each document's integer key, text hash and lengths, by id; those stored for the
        // first time have no annotations or outputs to replace.
        var keys: [String: StoredKey] = [:]
        keys.reserveCapacity(batch.documents.count)
        var pending = try PendingRows(runID: runID, in: db)
        // Documents and outputs are read where they are, not copied out one at a time: a
        // copy retains and releases every string of it, objects a worker thread made.
        try batch.documents.withUnsafeBufferPointer { documents in
            guard let first = documents.baseAddress else { return }
            for index in documents.indices {
                // By pointer, as the outputs below (an element passed to a call is copied first).
                let document = first + index
                // Rows a worker encoded from this very text, if any.
                let rows = batch.encoded[document.pointee.id].flatMap { $0.textSHA256 == document.pointee.textSHA256 ? $0 : nil }
                let length = rows.map { ($0.byteLength, $0.codePointLength) } ?? TextLengths.count(document.pointee.text)
                let stored = try Self.upsert(document, length: length, metadataJSON: rows?.metadataJSON, statements, in: db)
                keys[document.pointee.id] = StoredKey(documentID: document.pointee.id, key: stored.key, textSHA256: document.pointee.textSHA256,
                                                      fresh: stored.fresh, length: length, rows: rows)
            }
        }
        try batch.outputs.withUnsafeBufferPointer { outputs in
            guard let first = outputs.baseAddress else { return }
            // A document's outputs come one after the other: the last key found is the next one's.
            var last: StoredKey?
            for index in outputs.indices {
                // By pointer: an element passed to a call from the buffer was copied first (a
                // retain and a release of each of its strings and of its annotations).
                let output = first + index
                if last?.documentID != output.pointee.documentID {
                    if let known = keys[output.pointee.documentID] {
                        last = known
                    } else {
                        let found = try storedKey(for: output.pointee, statements, in: db)
                        keys[output.pointee.documentID] = found
                        last = found
                    }
                }
                guard let stored = last else { continue }
                try TextLengths.check(output.pointee.annotations, against: stored.length)
                try Self.replace(output, of: stored, interned: &interned, pending: &pending, statements, in: db)
            }
        }
        try pending.flush(in: db)
        for error in batch.errors { try Self.insert(error, runID: runID, in: db) }
        for input in batch.completedInputs { try Self.record(input, runID: runID, in: db) }
        if let counts = batch.runProgress {
            try db.cachedStatement(sql: "UPDATE runs SET documents = ?, annotations = ?, errors = ? WHERE id = ?")
                .execute(arguments: [counts.documents, counts.annotations, counts.errors, runID])
        }
    }

    /// The key of a document the batch does not hold, from the store. An output of a
    /// document that is not stored throws: its spans first (they fit no text), then
    /// "not stored".
    private func storedKey(for output: PluginOutput, _ statements: WriteStatements, in db: Database) throws -> StoredKey {
        let found = try DirectStatement(statements.storedDocument, [output.documentID]).firstRow(in: db) {
            StoredKey(documentID: output.documentID, key: try $0.integer(0), textSHA256: try $0.text(1), fresh: false,
                      length: (try $0.int(2), try $0.int(3)), rows: nil)
        }
        guard let found else {
            try TextLengths.check(output.annotations, against: (0, 0))
            throw StoreError(path: path, message: "output of '\(output.plugin.name)' for document '\(output.documentID)', which is not stored")
        }
        return found
    }

    /// Stores the document unless the same text is there: its integer key, and whether
    /// it was inserted now.
    private static func upsert(_ document: UnsafePointer<Document>, length: TextLengths.Length, metadataJSON: [UInt8]?,
                               _ statements: WriteStatements, in db: Database) throws -> (key: Int64, fresh: Bool) {
        // Most documents are new: try the insert first, and look at the stored text only
        // when the id is taken.
        if try insertIfNew(document, length: length, metadataJSON: metadataJSON, statements, in: db) {
            return (sqlite3_last_insert_rowid(db.sqliteConnection), true)
        }
        guard let stored = try DirectStatement(statements.storedDocument, [document.pointee.id])
            .firstRow(in: db, { (key: try $0.integer(0), hash: $0.optionalText(1)) }) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "document '\(document.pointee.id)' is neither insertable nor stored")
        }
        let (key, hash) = stored
        if hash == document.pointee.textSHA256 { return (key, false) }
        // The text changed: its old annotations point at other offsets, and its outputs
        // were made from the old text. Drop them all (foreign-key checks, and so their
        // cascades, are off while a batch writes), and forget which input files were
        // complete (one of them may hold the old text).
        try DirectStatement(db.cachedStatement(sql: "DELETE FROM annotations WHERE document_key = ?"), [key]).run(in: db)
        try DirectStatement(db.cachedStatement(sql: "DELETE FROM outputs WHERE document_key = ?"), [key]).run(in: db)
        try DirectStatement(db.cachedStatement(sql: "DELETE FROM documents WHERE key = ?"), [key]).run(in: db)
        try db.cachedStatement(sql: "DELETE FROM completed_inputs").execute()
        _ = try insertIfNew(document, length: length, metadataJSON: metadataJSON, statements, in: db)
        return (db.lastInsertedRowID, true)
    }

    /// The integer key of a stored document, or nil.
    static func documentKey(_ id: String, in db: Database) throws -> Int64? {
        try DirectStatement(db.cachedStatement(sql: "SELECT key FROM documents WHERE id = ?"), [id]).firstRow(in: db) { try $0.integer(0) }
    }

    /// Inserts the document unless its id is taken; true when it was inserted.
    private static func insertIfNew(_ document: UnsafePointer<Document>, length: TextLengths.Length, metadataJSON: [UInt8]?,
                                    _ statements: WriteStatements, in db: Database) throws -> Bool {
        var metadata: [UInt8]
        if let metadataJSON {
            metadata = metadataJSON
        } else {
            metadata = []
            JSONValue.object(document.pointee.metadata.jsonObject).write(toUTF8: &metadata)
        }
        try DirectStatement(rebinding: statements.insertDocument)
            .bind(1, document.pointee.id).bind(2, document.pointee.text).bind(3, document.pointee.textSHA256)
            .bind(4, document.pointee.metadata.title).bind(5, document.pointee.metadata.date).bind(6, document.pointee.metadata.language)
            .bind(7, document.pointee.metadata.url).bind(8, document.pointee.metadata.source).bind(9, utf8Text: metadata)
            .bind(10, length.bytes).bind(11, length.codePoints)
            .run(in: db)
        return sqlite3_changes(db.sqliteConnection) > 0
    }

    private static func replace(_ output: UnsafePointer<PluginOutput>, of document: StoredKey, interned: inout InternedKeys,
                                pending: inout PendingRows, _ statements: WriteStatements, in db: Database) throws {
        let documentKey = document.key
        let pluginID = try interned.pluginID(output.pointee.plugin, in: db)
        if !document.fresh {
            // Rows still pending may be of this very output: in before the delete.
            try pending.flush(in: db)
            // The same plugin version replaces its output, whatever its script hash.
            try DirectStatement(rebinding: statements.deleteOutputAnnotations)
                .bind(1, documentKey).bind(2, output.pointee.plugin.name).bind(3, output.pointee.plugin.version).run(in: db)
            try DirectStatement(rebinding: statements.deleteOutputRows)
                .bind(1, documentKey).bind(2, output.pointee.plugin.name).bind(3, output.pointee.plugin.version).run(in: db)
        }
        // The features as a worker encoded them (read where they are), or encoded here.
        let queued = try document.rows?.features.withUnsafeBufferPointer { encoded -> Bool in
            guard let first = encoded.baseAddress, let index = EncodedRows.featuresIndex(of: output.pointee.annotations.count,
                                                                                         output.pointee.plugin, in: encoded) else { return false }
            try queueAnnotations(of: output, features: first + index, documentKey: documentKey, pluginID: pluginID,
                                 interned: &interned, pending: &pending, in: db)
            return true
        }
        if queued != true {
            try withUnsafePointer(to: EncodedFeatures(output.pointee)) { encoded in
                try queueAnnotations(of: output, features: encoded, documentKey: documentKey, pluginID: pluginID,
                                     interned: &interned, pending: &pending, in: db)
            }
        }
        // The text hash is nearly always the document's own (the same string): NULL then.
        let otherText: String? = output.pointee.textSHA256 == document.textSHA256 ? nil : output.pointee.textSHA256
        try pending.output(documentKey: documentKey, pluginID: pluginID, paramsID: try interned.paramsID(output.pointee.paramsSHA256, in: db),
                           otherTextSHA256: otherText, in: db)
    }

    /// Queues the annotation rows of `output`, each with its features from `encoded`.
    private static func queueAnnotations(of output: UnsafePointer<PluginOutput>, features encoded: UnsafePointer<EncodedFeatures>,
                                         documentKey: Int64, pluginID: Int64,
                                         interned: inout InternedKeys, pending: inout PendingRows, in db: Database) throws {
        // An output's annotations mostly share one label: compare with the last one before
        // hashing it. Read in place (each field through the buffers), not copied out one
        // `Annotation` at a time: a copy retains and releases its strings and features,
        // objects a worker thread made (see `Benchmarks/README.md`, Session 10 — writer).
        var lastLabel: (name: String, id: Int64)?
        try output.pointee.annotations.withUnsafeBufferPointer { annotations in
            try encoded.pointee.ends.withUnsafeBufferPointer { ends in
                try encoded.pointee.bytes.withUnsafeBufferPointer { features in
                    var start = 0
                    for index in 0..<min(annotations.count, ends.count) {
                        let end = ends[index]
                        let label: Int64
                        if let last = lastLabel, last.name == annotations[index].label {
                            label = last.id
                        } else {
                            label = try interned.labelID(annotations[index].label, in: db)
                            lastLabel = (annotations[index].label, label)
                        }
                        try pending.annotation(documentKey: documentKey, pluginID: pluginID, label: label, span: annotations[index].span,
                                               score: annotations[index].score, features: UnsafeBufferPointer(rebasing: features[start..<end]),
                                               in: db)
                        start = end
                    }
                }
            }
        }
    }

    private static func insert(_ error: ProcessingError, runID: Int64, in db: Database) throws {
        try DirectStatement(db.cachedStatement(sql: "INSERT INTO errors (run_id, document_id, source, plugin, kind, message, line) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                            [runID, error.documentID, error.source, error.plugin, error.kind.rawValue, error.message, error.line]).run(in: db)
    }

    private static func record(_ input: CompletedInput, runID: Int64, in db: Database) throws {
        try DirectStatement(db.cachedStatement(sql: """
            INSERT OR REPLACE INTO completed_inputs (content_sha256, plugin_set_sha256, path, documents, errors, run_id)
            VALUES (?, ?, ?, ?, ?, ?)
            """), [input.contentSHA256, input.pluginSetSHA256, input.path, input.documents, input.errors, runID]).run(in: db)
    }
}

/// A document of the batch as the writer knows it: its integer key, its text hash and
/// lengths (every span is checked against them), and whether it was inserted by this batch
/// (nothing of it to replace).
struct StoredKey {
    let documentID: String
    let key: Int64
    let textSHA256: String
    let fresh: Bool
    let length: TextLengths.Length
    /// Its rows as a worker encoded them (nil: the writer encodes them).
    let rows: EncodedRows?
}
