import Foundation
import GRDB

/// The embedded store: one SQLite file through GRDB, in WAL mode so that a killed
/// process leaves it consistent and readers never block the writer.
///
/// ```swift
/// let store = try SQLiteAnnotationStore(path: "marginalia.sqlite")
/// if let doc = try store.document(id: "000_fac921506216631c") { print(doc.metadata.title ?? "") }
/// ```
public final class SQLiteAnnotationStore: AnnotationStore, @unchecked Sendable {
    /// The database file.
    public let path: String
    let database: DatabasePool

    /// Opens (creating if needed) and migrates the store at `path`.
    /// Throws a `StoreError` naming the file when it is not a usable store.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try StoreMigrations.migrator.migrate(database)
        } catch let error as DatabaseError {
            throw StoreError(path: path, message: Self.explain(error))
        }
    }

    static func explain(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return "not a Marginalia store, or corrupt (\(error.message ?? "")); move it aside and annotate again"
        case .SQLITE_CANTOPEN: return "cannot open the store file (\(error.message ?? ""))"
        case .SQLITE_READONLY: return "the store is read-only"
        default: return error.description
        }
    }

    func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError {
            throw StoreError(path: path, message: Self.explain(error))
        }
    }

    public func beginRun(_ run: RunInfo) throws -> Int64 {
        let plugins = JSONValue.array(run.plugins.map {
            .object(["name": .string($0.name), "version": .string($0.version), "sha256": .string($0.sha256)])
        })
        let inputs = JSONValue.array(run.inputs.map { .string($0) })
        return try guarded {
            try database.write { db in
                try db.execute(
                    sql: "INSERT INTO runs (started_at, engine_version, plugins, params, inputs) VALUES (?, ?, ?, ?, ?)",
                    arguments: [Self.timestamp(), run.engineVersion, plugins.serialized(),
                                JSONValue.object(run.params).serialized(), inputs.serialized()])
                return db.lastInsertedRowID
            }
        }
    }

    public func finishRun(id: Int64, counts: RunCounts, status: String) throws {
        try guarded {
            try database.write { db in
                try db.execute(
                    sql: "UPDATE runs SET finished_at = ?, documents = ?, annotations = ?, errors = ?, status = ? WHERE id = ?",
                    arguments: [Self.timestamp(), counts.documents, counts.annotations, counts.errors, status, id])
            }
        }
    }

    public func write(_ batch: StoreBatch, runID: Int64) throws {
        guard !batch.isEmpty else { return }
        try guarded {
            try database.write { db in
                var pluginIDs: [PluginIdentity: Int64] = [:]
                for document in batch.documents { try Self.upsert(document, in: db) }
                for output in batch.outputs { try Self.replace(output, runID: runID, pluginIDs: &pluginIDs, in: db) }
                for error in batch.errors { try Self.insert(error, runID: runID, in: db) }
            }
        }
    }

    private static func upsert(_ document: Document, in db: Database) throws {
        let stored = try String.fetchOne(db, sql: "SELECT text_sha256 FROM documents WHERE id = ?", arguments: [document.id])
        if stored == document.textSHA256 { return }
        if stored != nil {
            // The text changed: its old annotations point at other offsets. Drop them all.
            try db.execute(sql: "DELETE FROM annotations WHERE document_id = ?", arguments: [document.id])
            try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [document.id])
        }
        let meta = document.metadata
        try db.execute(
            sql: """
                INSERT INTO documents (id, text, text_sha256, title, date, lang, url, source, metadata, byte_length, code_point_length)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [document.id, document.text, document.textSHA256, meta.title, meta.date, meta.language,
                        meta.url, meta.source, JSONValue.object(meta.jsonObject).serialized(),
                        document.text.utf8.count, document.text.unicodeScalars.count])
    }

    private static func replace(_ output: PluginOutput, runID: Int64, pluginIDs: inout [PluginIdentity: Int64], in db: Database) throws {
        let pluginID = try pluginRowID(output.plugin, known: &pluginIDs, in: db)
        let plugin = output.plugin
        try db.execute(
            sql: "DELETE FROM annotations WHERE document_id = ? AND plugin_name = ? AND plugin_version = ?",
            arguments: [output.documentID, plugin.name, plugin.version])
        let insert = try db.cachedStatement(sql: """
            INSERT INTO annotations (document_id, plugin_id, plugin_name, plugin_version, run_id, label,
                                     byte_start, byte_end, cp_start, cp_end, score, features)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for annotation in output.annotations {
            let span = annotation.span
            try insert.execute(arguments: [
                output.documentID, pluginID, plugin.name, plugin.version, runID, annotation.label,
                span?.byteStart, span?.byteEnd, span?.codePointStart, span?.codePointEnd,
                annotation.score, annotation.features.serialized(),
            ])
        }
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO outputs (document_id, plugin_name, plugin_version, plugin_id, text_sha256, params_sha256, run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [output.documentID, plugin.name, plugin.version, pluginID, output.textSHA256, output.paramsSHA256, runID])
    }

    private static func insert(_ error: ProcessingError, runID: Int64, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO errors (run_id, document_id, source, plugin, kind, message, line) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [runID, error.documentID, error.source, error.plugin, error.kind.rawValue, error.message, error.line])
    }

    public func outputKeys(documentID: String) throws -> Set<OutputKey> {
        try guarded {
            try database.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT o.text_sha256, o.params_sha256, p.name, p.version, p.sha256
                    FROM outputs o JOIN plugins p ON p.id = o.plugin_id WHERE o.document_id = ?
                    """, arguments: [documentID])
                return Set(rows.map {
                    OutputKey(textSHA256: $0[0], plugin: PluginIdentity(name: $0[2], version: $0[3], sha256: $0[4]), paramsSHA256: $0[1])
                })
            }
        }
    }

    public func document(id: String) throws -> Document? {
        try guarded {
            try database.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE id = ?", arguments: [id]).map(Self.document(from:))
            }
        }
    }

    static func document(from row: Row) -> Document {
        let metadata = DocumentMetadata(
            title: row["title"], date: row["date"], language: row["lang"], url: row["url"], source: row["source"])
        var document = Document(id: row["id"], text: row["text"], metadata: metadata)
        if let json = try? JSONParser.parse(Array((row["metadata"] as String).utf8)).objectValue {
            let known: Set<String> = ["title", "date", "lang", "url", "source", "nfd"]
            for (key, value) in json where !known.contains(key) {
                if let string = value.stringValue { document.metadata.extra[key] = string }
            }
        }
        return document
    }

    /// Export order: document labels first, then spans by position; ties by label and plugin.
    static let orderedAnnotationsSQL = """
        SELECT a.document_id, a.label, a.byte_start, a.byte_end, a.cp_start, a.cp_end, a.score, a.features,
               p.name, p.version, p.sha256
        FROM annotations a JOIN plugins p ON p.id = a.plugin_id
        """
    static let exportOrder = """
        ORDER BY a.document_id, a.cp_start IS NOT NULL, a.cp_start, a.cp_end, a.label, p.name, p.version, p.sha256, a.score, a.features
        """

    static func annotation(from row: Row) -> Annotation {
        var span: Span?
        if let byteStart = row[2] as Int?, let byteEnd = row[3] as Int?, let cpStart = row[4] as Int?, let cpEnd = row[5] as Int? {
            span = Span(byteStart: byteStart, byteEnd: byteEnd, codePointStart: cpStart, codePointEnd: cpEnd)
        }
        let features = (try? JSONParser.parse(Array((row[7] as String).utf8))) ?? .object([:])
        return Annotation(
            documentID: row[0], label: row[1], span: span, score: row[6], features: features,
            plugin: PluginIdentity(name: row[8], version: row[9], sha256: row[10]))
    }

    public func annotations(documentID: String) throws -> [Annotation] {
        try guarded {
            try database.read { db in
                try Row.fetchAll(db, sql: Self.orderedAnnotationsSQL + " WHERE a.document_id = ? " + Self.exportOrder,
                                 arguments: [documentID]).map(Self.annotation(from:))
            }
        }
    }

    public func forEachDocumentAnnotations(_ body: (Document, [Annotation]) throws -> Void) throws {
        try guarded {
            try database.read { db in
                let documents = try Row.fetchCursor(db, sql: "SELECT * FROM documents ORDER BY id")
                while let row = try documents.next() {
                    let document = Self.document(from: row)
                    let annotations = try Row.fetchAll(
                        db, sql: Self.orderedAnnotationsSQL + " WHERE a.document_id = ? " + Self.exportOrder,
                        arguments: [document.id]).map(Self.annotation(from:))
                    try body(document, annotations)
                }
            }
        }
    }

    public func errors(runID: Int64?) throws -> [ProcessingError] {
        try guarded {
            try database.read { db in
                guard let run = try runID ?? Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs") else { return [] }
                return try Row.fetchAll(db, sql: "SELECT * FROM errors WHERE run_id = ? ORDER BY id", arguments: [run]).map { row in
                    ProcessingError(
                        kind: ProcessingError.Kind(rawValue: row["kind"]) ?? .plugin, message: row["message"],
                        documentID: row["document_id"], source: row["source"], plugin: row["plugin"], line: row["line"])
                }
            }
        }
    }

    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// The row id of a plugin version, inserting it on first use.
    private static func pluginRowID(_ plugin: PluginIdentity, known: inout [PluginIdentity: Int64], in db: Database) throws -> Int64 {
        if let id = known[plugin] { return id }
        try db.execute(sql: "INSERT OR IGNORE INTO plugins (name, version, sha256) VALUES (?, ?, ?)",
                       arguments: [plugin.name, plugin.version, plugin.sha256])
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM plugins WHERE name = ? AND version = ? AND sha256 = ?",
                                    arguments: [plugin.name, plugin.version, plugin.sha256])!
        known[plugin] = id
        return id
    }
}
