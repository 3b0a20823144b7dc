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
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL: a killed process never loses a commit nor leaves a
            // half-written one (only a power loss may roll back the last commits, whole).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A larger page cache keeps the annotation indexes in memory while a batch writes.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try StoreMigrations.migrator.migrate(database)
            try ensureQueryIndexes()
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
        let plugins = JSONValue.array(run.plugins.map { plugin in
            var entry: [String: JSONValue] = ["name": .string(plugin.name), "version": .string(plugin.version), "sha256": .string(plugin.sha256)]
            if let path = run.pluginPaths[plugin.name] { entry["path"] = .string(path) }
            return .object(entry)
        })
        let inputs = JSONValue.array(run.inputs.map { .string($0) })
        return try guarded {
            try database.write { db in
                try db.execute(
                    sql: "INSERT INTO runs (started_at, engine_version, plugins, params, inputs, settings) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [Self.timestamp(), run.engineVersion, plugins.serialized(),
                                JSONValue.object(run.params).serialized(), inputs.serialized(),
                                JSONValue.object(run.settings).serialized()])
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

    public func outputKeys(documentID: String) throws -> Set<OutputKey> {
        try guarded {
            try database.read { db in
                let statement = try db.cachedStatement(sql: """
                    SELECT o.text_sha256, o.params_sha256, p.name, p.version, p.sha256
                    FROM outputs o JOIN plugins p ON p.id = o.plugin_id WHERE o.document_id = ?
                    """)
                let rows = try Row.fetchAll(statement, arguments: [documentID])
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

    /// A stored document as it was stored: hash, language and NFD flag are read, not
    /// recomputed (an export reads every document back).
    static func document(from row: Row) -> Document {
        var metadata = DocumentMetadata(
            title: row["title"], date: row["date"], language: row["lang"], url: row["url"], source: row["source"])
        if let json = try? JSONParser.parse(Array((row["metadata"] as String).utf8)).objectValue {
            metadata.isNFD = json["nfd"] == .bool(true)
            let known: Set<String> = ["title", "date", "lang", "url", "source", "nfd"]
            for (key, value) in json where !known.contains(key) {
                if let string = value.stringValue { metadata.extra[key] = string }
            }
        }
        return Document(id: row["id"], text: row["text"], metadata: metadata, storedTextSHA256: row["text_sha256"])
    }

    /// Export order: document labels first, then spans by position; ties by label and plugin.
    static let orderedAnnotationsSQL = """
        SELECT d.id, l.name, a.byte_start, a.byte_end, a.cp_start, a.cp_end, a.score, a.features,
               p.name, p.version, p.sha256
        FROM annotations a JOIN plugins p ON p.id = a.plugin_id JOIN labels l ON l.id = a.label
             JOIN documents d ON d.key = a.document_key
        """
    static let exportOrder = """
        ORDER BY d.id, a.cp_start IS NOT NULL, a.cp_start, a.cp_end, l.name, p.name, p.version, p.sha256, a.score, a.features
        """
    /// One document's annotations (by its integer key) in export order.
    static let documentAnnotationsSQL = orderedAnnotationsSQL + " WHERE a.document_key = ? " + exportOrder

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
                guard let key = try Self.documentKey(documentID, in: db) else { return [] }
                return try Row.fetchAll(db.cachedStatement(sql: Self.documentAnnotationsSQL), arguments: [key]).map(Self.annotation(from:))
            }
        }
    }

    public func forEachDocumentAnnotations(_ body: (Document, [Annotation]) throws -> Void) throws {
        try guarded {
            try database.read { db in
                let documents = try Row.fetchCursor(db, sql: "SELECT * FROM documents ORDER BY id")
                let ofDocument = try db.cachedStatement(sql: Self.documentAnnotationsSQL)
                while let row = try documents.next() {
                    let document = Self.document(from: row)
                    let annotations = try Row.fetchAll(ofDocument, arguments: [row["key"] as Int64]).map(Self.annotation(from:))
                    try body(document, annotations)
                }
            }
        }
    }

    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
