import GRDB

/// Reading back runs, their errors and the input files they completed.
extension SQLiteAnnotationStore {
    public func errors(runID: Int64?) throws -> [ProcessingError] {
        guard let run = try runID ?? latestRunID() else { return [] }
        return try recordedErrors(runID: run).map(\.error)
    }

    public func recordedErrors(runID: Int64?) throws -> [RecordedError] {
        try guarded {
            try database.read { db in
                let columns = "SELECT run_id, kind, message, document_id, source, plugin, line FROM errors"
                let statement = try runID.map { run in
                    DirectStatement(try db.cachedStatement(sql: columns + " WHERE run_id = ? ORDER BY id"), [run])
                } ?? DirectStatement(try db.cachedStatement(sql: columns + " ORDER BY id"))
                return try statement.rows(in: db) { row in
                    RecordedError(runID: try row.optionalInteger(0) ?? 0, error: ProcessingError(
                        kind: ProcessingError.Kind(rawValue: try row.text(1)) ?? .plugin, message: try row.text(2),
                        documentID: row.optionalText(3), source: row.optionalText(4), plugin: row.optionalText(5),
                        line: try row.optionalInt(6)))
                }
            }
        }
    }

    public func recordTimings(_ timings: RunTimings, runID: Int64) throws {
        try guarded {
            try database.write { db in
                try db.execute(sql: "UPDATE runs SET timings = ? WHERE id = ?", arguments: [timings.json.serialized(), runID])
            }
        }
    }

    /// Every recorded run, oldest first.
    public func runs() throws -> [StoredRun] {
        let ids = try guarded { try database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM runs ORDER BY id") } }
        return try ids.compactMap { try run(id: $0) }
    }

    public func latestRunID() throws -> Int64? {
        try guarded { try database.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs") } }
    }

    public func run(id: Int64) throws -> StoredRun? {
        try guarded {
            try database.read { db in
                try DirectStatement(db.cachedStatement(sql: """
                    SELECT started_at, finished_at, status, plugins, inputs, settings, documents, annotations, errors, timings
                    FROM runs WHERE id = ?
                    """), [id]).firstRow(in: db) { row in
                    func json(_ column: Int32) -> JSONValue? { try? JSONParser.parse(row.bytes(column) ?? Array("null".utf8)) }
                    var plugins: [PluginIdentity] = []
                    var paths: [String: String] = [:]
                    for entry in json(3)?.arrayValue ?? [] {
                        guard let object = entry.objectValue, let name = object["name"]?.stringValue else { continue }
                        plugins.append(PluginIdentity(name: name, version: object["version"]?.stringValue ?? "",
                                                      sha256: object["sha256"]?.stringValue ?? ""))
                        if let path = object["path"]?.stringValue { paths[name] = path }
                    }
                    return StoredRun(
                        id: id, startedAt: try row.text(0), finishedAt: row.optionalText(1), status: try row.text(2),
                        plugins: plugins, pluginPaths: paths,
                        inputs: (json(4)?.arrayValue ?? []).compactMap(\.stringValue),
                        settings: json(5)?.objectValue ?? [:],
                        counts: RunCounts(documents: try row.int(6), annotations: try row.int(7), errors: try row.int(8)),
                        timings: row.bytes(9).flatMap { try? JSONParser.parse($0) }.flatMap(RunTimings.init(json:)))
                }
            }
        }
    }

    public func hasOutputs(of plugins: [PluginIdentity]) throws -> Bool {
        try guarded {
            try database.read { db in
                let statement = try db.cachedStatement(sql: """
                    SELECT 1 FROM outputs o JOIN plugins p ON p.id = o.plugin_id
                    WHERE p.name = ? AND p.version = ? AND p.sha256 = ? LIMIT 1
                    """)
                for plugin in plugins {
                    let found = try DirectStatement(statement, [plugin.name, plugin.version, plugin.sha256]).firstRow(in: db) { _ in true }
                    if found != nil { return true }
                }
                return false
            }
        }
    }

    public func hasCompletedInputs(pluginSetSHA256: String) throws -> Bool {
        try guarded {
            try database.read { db in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM completed_inputs WHERE plugin_set_sha256 = ?)",
                                  arguments: [pluginSetSHA256]) ?? false
            }
        }
    }

    public func completedInput(contentSHA256: String, pluginSetSHA256: String) throws -> CompletedInput? {
        try guarded {
            try database.read { db in
                try DirectStatement(db.cachedStatement(sql: """
                    SELECT content_sha256, plugin_set_sha256, path, documents, errors, run_id
                    FROM completed_inputs WHERE content_sha256 = ? AND plugin_set_sha256 = ?
                    """), [contentSHA256, pluginSetSHA256]).firstRow(in: db) { row in
                    CompletedInput(contentSHA256: try row.text(0), pluginSetSHA256: try row.text(1), path: try row.text(2),
                                   documents: try row.int(3), errors: try row.int(4), runID: try row.integer(5))
                }
            }
        }
    }
}
