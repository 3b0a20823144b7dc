import Foundation
import Marginalia

/// The shared store: a PostgreSQL database, for a team whose shards (on many machines at
/// once) write into one place and whose members query it. The same tables and meanings as
/// ``SQLiteAnnotationStore``, and the same corpus and plugins export the same bytes.
///
/// Writes are one transaction per batch, with the annotations sent by `COPY` and the other
/// rows by multi-row statements, never a round trip per row. Concurrent shards never write
/// the same documents; plugin rows are created outside the batch transactions, so that no
/// two batches wait on each other, and a deadlock or serialization failure is retried.
///
/// The address goes to libpq unchanged: the password comes from the URL, `PGPASSWORD` or
/// `~/.pgpass`, and `sslmode` (and any other libpq parameter) is honoured. Messages name
/// the database by ``PostgreSQLURL/redacted(_:)``, never with its password.
///
/// ```swift
/// let store = try PostgreSQLAnnotationStore(url: "postgresql://marginalia@127.0.0.1:5432/news")
/// let summary = try AnnotationPipeline(plugins: plugins, store: store).run(inputs: ["news.jsonl.gz"])
/// ```
public final class PostgreSQLAnnotationStore: AnnotationStore, @unchecked Sendable {
    /// The address without its password.
    public let displayName: String
    let pool: PostgreSQLConnectionPool
    private var pluginIDs: [PluginIdentity: Int64] = [:]
    private let pluginLock = NSLock()

    /// Connects, and creates or migrates the schema. Throws a `StoreError` naming the
    /// database (without password) when it cannot.
    public init(url: String) throws {
        displayName = PostgreSQLURL.redacted(url)
        do {
            pool = try PostgreSQLConnectionPool(url: url)
            try PostgreSQLSchema.migrate(pool)
        } catch let error as PostgreSQLError {
            throw StoreError(path: displayName, message: error.message)
        }
    }

    /// Runs `body`, turning server errors into `StoreError`s naming the database.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PostgreSQLError {
            throw StoreError(path: displayName, message: error.message)
        }
    }

    /// Runs one statement on a pooled connection and returns its rows (as text, nil for
    /// NULL); statements run for their effect (INSERT, UPDATE) may drop the result.
    @discardableResult
    func rows(_ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
        try guarded { try pool.with { try $0.query(sql, parameters) } }
    }

    // MARK: runs

    public func beginRun(_ run: RunInfo) throws -> Int64 {
        let plugins = JSONValue.array(run.plugins.map { plugin in
            var entry: [String: JSONValue] = ["name": .string(plugin.name), "version": .string(plugin.version), "sha256": .string(plugin.sha256)]
            if let path = run.pluginPaths[plugin.name] { entry["path"] = .string(path) }
            return .object(entry)
        })
        let inputs = JSONValue.array(run.inputs.map { .string($0) })
        let row = try rows("""
            INSERT INTO runs (started_at, engine_version, plugins, params, inputs, settings) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
            """, [UTCTimestamp.now(), run.engineVersion, plugins.serialized(), JSONValue.object(run.params).serialized(),
                  inputs.serialized(), JSONValue.object(run.settings).serialized()])
        return Int64(row[0][0]!)!
    }

    public func finishRun(id: Int64, counts: RunCounts, status: String) throws {
        try rows("UPDATE runs SET finished_at = $1, documents = $2, annotations = $3, errors = $4, status = $5 WHERE id = $6",
                 [UTCTimestamp.now(), String(counts.documents), String(counts.annotations), String(counts.errors), status, String(id)])
    }

    public func latestRunID() throws -> Int64? {
        try rows("SELECT MAX(id) FROM runs")[0][0].flatMap { Int64($0) }
    }

    public func run(id: Int64) throws -> StoredRun? {
        guard let row = try rows("""
            SELECT started_at, finished_at, status, plugins, inputs, settings, documents, annotations, errors, timings FROM runs WHERE id = $1
            """, [String(id)]).first else { return nil }
        func json(_ index: Int) -> JSONValue? { try? JSONParser.parse(Array((row[index] ?? "null").utf8)) }
        var plugins: [PluginIdentity] = []
        var paths: [String: String] = [:]
        for entry in json(3)?.arrayValue ?? [] {
            guard let object = entry.objectValue, let name = object["name"]?.stringValue else { continue }
            plugins.append(PluginIdentity(name: name, version: object["version"]?.stringValue ?? "", sha256: object["sha256"]?.stringValue ?? ""))
            if let path = object["path"]?.stringValue { paths[name] = path }
        }
        return StoredRun(
            id: id, startedAt: row[0] ?? "", finishedAt: row[1], status: row[2] ?? "",
            plugins: plugins, pluginPaths: paths,
            inputs: (json(4)?.arrayValue ?? []).compactMap(\.stringValue),
            settings: json(5)?.objectValue ?? [:],
            counts: RunCounts(documents: Int(row[6] ?? "0") ?? 0, annotations: Int(row[7] ?? "0") ?? 0, errors: Int(row[8] ?? "0") ?? 0),
            timings: row[9].flatMap { try? JSONParser.parse(Array($0.utf8)) }.flatMap(RunTimings.init(json:)))
    }

    public func runs() throws -> [StoredRun] {
        try rows("SELECT id FROM runs ORDER BY id").compactMap { $0[0].flatMap { Int64($0) } }.compactMap { try run(id: $0) }
    }

    public func recordTimings(_ timings: RunTimings, runID: Int64) throws {
        try rows("UPDATE runs SET timings = $1 WHERE id = $2", [timings.json.serialized(), String(runID)])
    }

    public func errors(runID: Int64?) throws -> [ProcessingError] {
        guard let run = try runID ?? latestRunID() else { return [] }
        return try recordedErrors(runID: run).map(\.error)
    }

    public func recordedErrors(runID: Int64?) throws -> [RecordedError] {
        let columns = "SELECT run_id, kind, message, document_id, source, plugin, line FROM errors"
        let found = try runID.map { try rows(columns + " WHERE run_id = $1 ORDER BY id", [String($0)]) } ?? rows(columns + " ORDER BY id")
        return found.map { row in
            RecordedError(runID: row[0].flatMap { Int64($0) } ?? 0, error: ProcessingError(
                kind: ProcessingError.Kind(rawValue: row[1] ?? "") ?? .plugin, message: row[2] ?? "",
                documentID: row[3], source: row[4], plugin: row[5], line: row[6].flatMap { Int($0) }))
        }
    }

    public func hasCompletedInputs(pluginSetSHA256: String) throws -> Bool {
        try rows("SELECT EXISTS (SELECT 1 FROM completed_inputs WHERE plugin_set_sha256 = $1)", [pluginSetSHA256])[0][0] == "t"
    }

    public func completedInput(contentSHA256: String, pluginSetSHA256: String) throws -> CompletedInput? {
        try rows("""
            SELECT path, documents, errors, run_id FROM completed_inputs WHERE content_sha256 = $1 AND plugin_set_sha256 = $2
            """, [contentSHA256, pluginSetSHA256]).first.map { row in
            CompletedInput(contentSHA256: contentSHA256, pluginSetSHA256: pluginSetSHA256, path: row[0] ?? "",
                           documents: Int(row[1] ?? "0") ?? 0, errors: Int(row[2] ?? "0") ?? 0, runID: row[3].flatMap { Int64($0) })
        }
    }

    // MARK: plugins

    /// The row ids of plugin versions, creating rows on first use, each in its own short
    /// statement outside any batch transaction (so concurrent shards never wait on each other).
    func pluginRowIDs(_ plugins: Set<PluginIdentity>) throws -> [PluginIdentity: Int64] {
        var known = pluginLock.withLock { pluginIDs }
        let missing = plugins.filter { known[$0] == nil }.sorted { $0.description < $1.description }
        for plugin in missing {
            let parameters = [plugin.name, plugin.version, plugin.sha256]
            try rows("INSERT INTO plugins (name, version, sha256) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", parameters)
            known[plugin] = Int64(try rows("SELECT id FROM plugins WHERE name = $1 AND version = $2 AND sha256 = $3", parameters)[0][0]!)!
        }
        if !missing.isEmpty { pluginLock.withLock { pluginIDs.merge(known) { old, _ in old } } }
        return known
    }
}
