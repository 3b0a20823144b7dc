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
                let rows = try runID.map {
                    try Row.fetchAll(db, sql: "SELECT * FROM errors WHERE run_id = ? ORDER BY id", arguments: [$0])
                } ?? Row.fetchAll(db, sql: "SELECT * FROM errors ORDER BY id")
                return rows.map { row in
                    RecordedError(runID: row["run_id"] ?? 0, error: ProcessingError(
                        kind: ProcessingError.Kind(rawValue: row["kind"]) ?? .plugin, message: row["message"],
                        documentID: row["document_id"], source: row["source"], plugin: row["plugin"], line: row["line"]))
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
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]) else { return nil }
                func json(_ column: String) -> JSONValue? { try? JSONParser.parse(Array((row[column] as String? ?? "null").utf8)) }
                var plugins: [PluginIdentity] = []
                var paths: [String: String] = [:]
                for entry in json("plugins")?.arrayValue ?? [] {
                    guard let object = entry.objectValue, let name = object["name"]?.stringValue else { continue }
                    plugins.append(PluginIdentity(name: name, version: object["version"]?.stringValue ?? "",
                                                  sha256: object["sha256"]?.stringValue ?? ""))
                    if let path = object["path"]?.stringValue { paths[name] = path }
                }
                return StoredRun(
                    id: id, startedAt: row["started_at"], finishedAt: row["finished_at"], status: row["status"],
                    plugins: plugins, pluginPaths: paths,
                    inputs: (json("inputs")?.arrayValue ?? []).compactMap(\.stringValue),
                    settings: json("settings")?.objectValue ?? [:],
                    counts: RunCounts(documents: row["documents"], annotations: row["annotations"], errors: row["errors"]),
                    timings: (row["timings"] as String?).flatMap { try? JSONParser.parse(Array($0.utf8)) }.flatMap(RunTimings.init(json:)))
            }
        }
    }

    public func hasOutputs(of plugins: [PluginIdentity]) throws -> Bool {
        try guarded {
            try database.read { db in
                for plugin in plugins {
                    let found = try Bool.fetchOne(db, sql: """
                        SELECT EXISTS (SELECT 1 FROM outputs o JOIN plugins p ON p.id = o.plugin_id
                                       WHERE p.name = ? AND p.version = ? AND p.sha256 = ?)
                        """, arguments: [plugin.name, plugin.version, plugin.sha256]) ?? false
                    if found { return true }
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
                try Row.fetchOne(db, sql: "SELECT * FROM completed_inputs WHERE content_sha256 = ? AND plugin_set_sha256 = ?",
                                 arguments: [contentSHA256, pluginSetSHA256]).map { row in
                    CompletedInput(contentSHA256: row["content_sha256"], pluginSetSHA256: row["plugin_set_sha256"],
                                   path: row["path"], documents: row["documents"], errors: row["errors"], runID: row["run_id"])
                }
            }
        }
    }
}
