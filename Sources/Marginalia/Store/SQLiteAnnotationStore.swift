import CSQLiteShim
import Foundation
import GRDB
import GRDBSQLite

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
    /// The checkpoint thread of a bulk write (see `SQLiteAnnotationStore+Bulk.swift`).
    let checkpoints = CheckpointSlot()
    /// Held while a bulk write runs (see `BulkWriteMark`).
    let bulkMark = BulkWriteMark()
    /// Whether a bulk write holds the writer's foreign-key checks off (see `BulkForeignKeys`).
    let bulkForeignKeys = BulkForeignKeys()
    /// Whether the query indexes were looked for (see `SQLiteAnnotationStore+QueryIndexes.swift`).
    let queryIndexes = QueryIndexState()
    /// How many pages of log the writer lets pile up before they are copied back into the
    /// file: about 4 MB whatever the store's page size (``checkpointPages(pageSize:)``).
    private(set) var automaticCheckpointPages = 1000

    /// Opens (creating if needed) and migrates the store at `path`.
    /// Throws a `StoreError` naming the file when it is not a usable store.
    public init(path: String) throws {
        self.path = path
        _ = Self.memoryStatisticsOff
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // A store this user may read but not write is opened read-only: reading commands
        // answer from it (without building missing query indexes); writing ones fail with
        // "the store is read-only" at their first write.
        configuration.readonly = Self.isReadOnlyFile(path)
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL: a killed process never loses a commit nor leaves a
            // half-written one (only a power loss may roll back the last commits, whole).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Only a store created by this connection takes the page size (see `newStorePageSize`).
            try db.execute(sql: "PRAGMA page_size = \(Self.newStorePageSize)")
            // A larger page cache keeps the query indexes in memory while a batch updates them
            // (a bulk write, which leaves them for later, takes less: `bulkWriteCacheKiB`).
            try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKiB)")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.checkpointPages(pageSize: try Self.pageSize(of: db)))")
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            automaticCheckpointPages = Self.checkpointPages(pageSize: try database.read(Self.pageSize(of:)))
            let migrator = StoreMigrations.migrator
            if try database.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError(path: path, message: """
                    written by a newer Marginalia (its schema has changes this version \(MarginaliaVersion.current) does not know); \
                    use that newer version, or export with it and import here
                    """)
            }
            if try !database.read(migrator.hasCompletedMigrations) { try migrate(with: migrator) }
        } catch let error as DatabaseError {
            throw StoreError(path: path, message: Self.explain(error, path: path))
        }
    }

    /// True when `path` is a file this process may not write (so SQLite could only open it read-only).
    static func isReadOnlyFile(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path) && access(path, W_OK) != 0
    }

    /// The page size of the stores this version creates: 16 KiB. The write-ahead log writes
    /// every page it changes as a frame of its own (a header and the page, two `pwrite`
    /// calls), and a bulk write changes a few large B-trees end to end: with 4 KiB pages the
    /// four topic taggers' run over the news corpus made 20,761 `pwrite` calls, with 16 KiB
    /// pages 5,753 (64 KiB: 1,987, for a little less CPU again, but every table and index
    /// takes at least a page: a store of 5 documents would be 1.7 MB instead of 0.4; see
    /// `Benchmarks/README.md`). Queries read their index ranges in fewer pages
    /// (`scripts/bench-query.sh` as fast or faster).
    ///
    /// A store keeps the page size it was created with: SQLite changes it only by `VACUUM`,
    /// which it refuses in WAL mode, so a store made by an earlier version stays at 4 KiB
    /// (export it and import it into a new store to get the larger pages).
    static let newStorePageSize = 16_384

    /// The page cache of every connection, in KiB (a negative `cache_size` is in KiB):
    /// 32 MiB whatever the page size, 2,048 pages of 16 KiB. A bulk write's writer runs with
    /// less (``bulkWriteCacheKiB``).
    static let cacheKiB = 32_768

    /// The size of the log, in bytes, after which it is copied back: SQLite's default of
    /// 1000 pages of 4 KiB (a store of 4 KiB pages keeps exactly the default).
    static let checkpointLogBytes = 1000 * 4096

    /// ``checkpointLogBytes`` in pages of `pageSize` bytes (at least one).
    static func checkpointPages(pageSize: Int) -> Int { max(1, checkpointLogBytes / max(pageSize, 512)) }

    /// The page size of the connection's database (of the file once it exists; before
    /// that, the size it will be created with).
    static func pageSize(of db: Database) throws -> Int { try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096 }

    /// Makes or migrates the store. An empty file gets the whole schema from one script
    /// (``createFromScript(covering:)``); an existing store is migrated in place, copying the
    /// log back into the file after every migration (and emptying it at the end): the
    /// migrations rewrite the same few pages again and again, and with pages of 16 KiB their
    /// log alone would grow to 1.6 MB before the first automatic checkpoint (0.4 MB at
    /// 4 KiB), on a disk that may have less free.
    private func migrate(with migrator: DatabaseMigrator) throws {
        if try createFromScript(covering: migrator) { return }
        try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 1") }
        defer {
            try? database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(automaticCheckpointPages)")
                _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
        try migrator.migrate(database)
    }

    /// Makes a new store's schema with `StoreSchema`'s script, in one transaction, when the
    /// file holds nothing yet (another process may have made it meanwhile): true when that
    /// leaves no migration of `migrator` to run. A new store so skips the migrations' 30 M
    /// instructions of parsing and schema re-reads (see `Benchmarks/README.md`, Session 11 — store).
    private func createFromScript(covering migrator: DatabaseMigrator) throws -> Bool {
        try database.writeWithoutTransaction { db in
            var created = false
            try db.inTransaction(.immediate) {
                created = try StoreSchema.createIfEmpty(db)
                return .commit
            }
            guard created else { return false }
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            return Set(StoreSchema.migrations).isSuperset(of: migrator.migrations)
        }
    }

    /// SQLite keeps memory statistics under a global mutex taken on every allocation (each
    /// bound string and stepped row allocates); nothing here reads them. Turned off before
    /// the process's first connection (later, SQLite refuses and nothing changes).
    private static let memoryStatisticsOff: Bool = mg_sqlite_disable_memory_statistics() == SQLITE_OK

    /// What an SQLite error on the store at `path` means for the user, and what to do.
    ///
    /// ```swift
    /// SQLiteAnnotationStore.explain(error, path: "runs/s.sqlite")
    /// // "cannot open the store file: its folder runs does not exist (create it, or pass another --store)"
    /// ```
    static func explain(_ error: DatabaseError, path: String) -> String {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return "not a Marginalia store: SQLite cannot read it as a database (\(error.message ?? "")); "
                + "check the --store path, or move the file aside and annotate again"
        case .SQLITE_CORRUPT:
            return "the store is damaged (\(error.message ?? "")); run `marginalia check`, export what can be read, "
                + "or move it aside and annotate again"
        case .SQLITE_FULL:
            return "no space left on device while writing the store; the last transaction was rolled back whole. "
                + "Free some space and run the same command again: it resumes where it stopped"
        case .SQLITE_IOERR:
            return "the store could not be read or written (\(error.message ?? ""), SQLite code \(error.extendedResultCode.rawValue)); "
                + "check the disk, then run `marginalia check`"
        case .SQLITE_CANTOPEN:
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
                return "cannot open the store file: its folder \(folder) does not exist (create it, or pass another --store)"
            }
            return "cannot open the store file (\(error.message ?? ""))"
        case .SQLITE_READONLY: return "the store is read-only"
        default: return error.description
        }
    }

    func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError {
            throw StoreError(path: path, message: Self.explain(error, path: path))
        } catch let mismatch as StoredRow.Mismatch {
            throw StoreError(path: path, message: "damaged: \(mismatch); run `marginalia check --store \(path)` to see what else is wrong")
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
                    arguments: [UTCTimestamp.now(), run.engineVersion, plugins.serialized(),
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
                    arguments: [UTCTimestamp.now(), counts.documents, counts.annotations, counts.errors, status, id])
            }
        }
    }

    public func outputKeys(documentID: String) throws -> Set<OutputKey> {
        try guarded {
            try database.read { db in
                let statement = try db.cachedStatement(sql: """
                    SELECT COALESCE(o.text_sha256, d.text_sha256), pp.sha256, p.name, p.version, p.sha256
                    FROM documents d JOIN outputs o ON o.document_key = d.key JOIN plugins p ON p.id = o.plugin_id
                    JOIN output_params pp ON pp.id = o.params_id WHERE d.id = ?
                    """)
                return Set(try DirectStatement(statement, [documentID]).rows(in: db) { row in
                    OutputKey(textSHA256: try row.text(0), plugin: try Self.plugin(from: row, at: 2), paramsSHA256: try row.text(1))
                })
            }
        }
    }

    public func document(id: String) throws -> Document? {
        try guarded {
            try database.read { db in
                try DirectStatement(db.cachedStatement(sql: Self.documentSQL + " WHERE id = ?"), [id])
                    .firstRow(in: db) { try Self.document(from: $0) }
            }
        }
    }

    /// The columns ``document(from:)`` reads, in its order: the document's integer key is
    /// column 8, its stored text hash column 9.
    static let documentSQL = "SELECT id, text, title, date, lang, url, source, metadata, key, text_sha256 FROM documents"

    /// A stored document as it was stored, from a row of ``documentSQL``: hash, language
    /// and NFD flag are read, not recomputed (an export reads every document back).
    static func document(from row: StoredRow) throws -> Document {
        // The metadata column holds the whole `jsonObject`; the columns beside it stay authoritative.
        var metadata = DocumentMetadata(jsonObject: (try? JSONParser.parse(row.bytes(7) ?? []).objectValue) ?? [:])
        (metadata.title, metadata.date, metadata.language, metadata.url, metadata.source) =
            (row.optionalText(2), row.optionalText(3), row.optionalText(4), row.optionalText(5), row.optionalText(6))
        return Document(id: try row.text(0), text: try row.text(1), metadata: metadata, storedTextSHA256: try row.text(9))
    }

    /// A plugin identity from three text columns (name, version, sha256) starting at `index`.
    static func plugin(from row: StoredRow, at index: Int32) throws -> PluginIdentity {
        PluginIdentity(name: try row.text(index), version: try row.text(index + 1), sha256: try row.text(index + 2))
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

    static func annotation(from row: StoredRow) throws -> Annotation {
        var span: Span?
        if let byteStart = try row.optionalInt(2), let byteEnd = try row.optionalInt(3),
           let cpStart = try row.optionalInt(4), let cpEnd = try row.optionalInt(5) {
            span = Span(byteStart: byteStart, byteEnd: byteEnd, codePointStart: cpStart, codePointEnd: cpEnd)
        }
        let features = (try? JSONParser.parse(row.bytes(7) ?? [])) ?? .object([:])
        return Annotation(
            documentID: try row.text(0), label: try row.text(1), span: span, score: try row.double(6), features: features,
            plugin: try plugin(from: row, at: 8))
    }

    public func annotations(documentID: String) throws -> [Annotation] {
        try guarded {
            try database.read { db in
                guard let key = try Self.documentKey(documentID, in: db) else { return [] }
                return try DirectStatement(db.cachedStatement(sql: Self.documentAnnotationsSQL), [key]).rows(in: db, Self.annotation(from:))
            }
        }
    }

    public func forEachDocumentAnnotations(_ body: (Document, [Annotation]) throws -> Void) throws {
        try guarded {
            try database.read { db in
                let documents = DirectStatement(try db.makeStatement(sql: Self.documentSQL + " ORDER BY id"))
                let ofDocument = try db.cachedStatement(sql: Self.documentAnnotationsSQL)
                try documents.forEachRow(in: db) { row in
                    let document = try Self.document(from: row)
                    let annotations = try DirectStatement(ofDocument, [try row.integer(8)]).rows(in: db, Self.annotation(from:))
                    try body(document, annotations)
                }
            }
        }
    }
}
