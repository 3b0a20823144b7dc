import Marginalia

/// The write path: one transaction per batch; annotations by `COPY`, everything else by
/// multi-row statements (a few round trips per batch, whatever its size).
extension PostgreSQLAnnotationStore {
    /// Rows per multi-row statement (PostgreSQL takes at most 65,535 parameters).
    static let rowsPerStatement = 500

    /// PostgreSQL keeps its indexes through a batch: shards write at once, and one shard's
    /// bulk write must not leave the others' queries without them.
    public func beginBulkWrite() throws {}
    public func finishBulkWrite() throws {}

    /// PostgreSQL text cannot hold a NUL byte: a document with one in its id, text or
    /// metadata is refused (a document error naming it), and the run goes on.
    public func refusal(id: String, text: String, metadata: DocumentMetadata) -> String? {
        let fields: [(String, String?)] = [("id", id), ("text", text), ("title", metadata.title), ("date", metadata.date),
                                            ("lang", metadata.language), ("url", metadata.url), ("source", metadata.source)]
        guard let field = fields.first(where: { $0.1?.utf8.contains(0) == true })?.0 else { return nil }
        return "its \(field) has a NUL byte (U+0000), which PostgreSQL text cannot hold; keep such documents in a SQLite store, or remove the NUL"
    }

    public func write(_ batch: StoreBatch, runID: Int64) throws {
        guard !batch.isEmpty else { return }
        let pluginIDs = try guarded { try pluginRowIDs(Set(batch.outputs.map(\.plugin))) }
        let run = String(runID)
        try guarded {
            try pool.transaction { connection in
                let fresh = try Self.upsert(batch.documents, in: connection)
                try Self.replace(batch.outputs, runID: run, pluginIDs: pluginIDs, fresh: fresh, in: connection)
                try Self.insert(batch.errors, runID: run, in: connection)
                try Self.record(batch.completedInputs, runID: run, in: connection)
                if let counts = batch.runProgress {
                    try connection.query("UPDATE runs SET documents = $1, annotations = $2, errors = $3 WHERE id = $4",
                                         [String(counts.documents), String(counts.annotations), String(counts.errors), run])
                }
            }
        }
    }

    /// Runs `INSERT … VALUES (…), (…) suffix` over `rows`, a chunk at a time; returns the rows it returned.
    @discardableResult
    static func insertRows(_ head: String, _ rows: [[String?]], suffix: String = "", in connection: PostgreSQLConnection) throws -> [[String?]] {
        var returned: [[String?]] = []
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + rowsPerStatement, rows.count)]
            start += chunk.count
            var sql = head + " VALUES "
            var parameters: [String?] = []
            for (index, row) in chunk.enumerated() {
                if index > 0 { sql += ", " }
                sql += "(" + row.indices.map { "$\(parameters.count + $0 + 1)" }.joined(separator: ", ") + ")"
                parameters += row
            }
            returned += try connection.query(sql + " " + suffix, parameters)
        }
        return returned
    }

    /// Stores the documents not there with the same text; returns the ids stored for the
    /// first time (they have no annotations to replace).
    private static func upsert(_ documents: [Document], in connection: PostgreSQLConnection) throws -> Set<String> {
        guard !documents.isEmpty else { return [] }
        let rows = documents.map(documentRow)
        let inserted = Set(try insertRows("""
            INSERT INTO documents (id, text, text_sha256, title, date, lang, url, source, metadata, byte_length, code_point_length)
            """, rows, suffix: "ON CONFLICT (id) DO NOTHING RETURNING id", in: connection).compactMap { $0[0] })
        let taken = documents.filter { !inserted.contains($0.id) }
        guard !taken.isEmpty else { return inserted }
        var stored: [String: String] = [:]
        for start in stride(from: 0, to: taken.count, by: rowsPerStatement) {
            let chunk = taken[start..<min(start + rowsPerStatement, taken.count)]
            let placeholders = chunk.indices.map { "$\($0 - start + 1)" }.joined(separator: ", ")
            for row in try connection.query("SELECT id, text_sha256 FROM documents WHERE id IN (\(placeholders))", chunk.map(\.id)) {
                stored[row[0]!] = row[1]
            }
        }
        var fresh = inserted
        for document in taken where stored[document.id] != document.textSHA256 {
            // The text changed: its old annotations point at other offsets. Drop them all, and
            // forget which input files were complete (one of them may hold the old text).
            try connection.query("DELETE FROM annotations WHERE document_id = $1", [document.id])
            try connection.query("DELETE FROM documents WHERE id = $1", [document.id])
            try connection.query("DELETE FROM completed_inputs")
            try insertRows("INSERT INTO documents (id, text, text_sha256, title, date, lang, url, source, metadata, byte_length, code_point_length)",
                           [documentRow(document)], in: connection)
            fresh.insert(document.id)
        }
        return fresh
    }

    private static func documentRow(_ document: Document) -> [String?] {
        let meta = document.metadata
        return [document.id, document.text, document.textSHA256, meta.title, meta.date, meta.language, meta.url, meta.source,
                JSONValue.object(meta.jsonObject).serialized(), String(document.text.utf8.count), String(document.text.unicodeScalars.count)]
    }

    /// Each output replaces the annotations of the same plugin version on its document.
    private static func replace(_ outputs: [PluginOutput], runID: String, pluginIDs: [PluginIdentity: Int64], fresh: Set<String>,
                                in connection: PostgreSQLConnection) throws {
        guard !outputs.isEmpty else { return }
        let stale = outputs.filter { !fresh.contains($0.documentID) }
        for start in stride(from: 0, to: stale.count, by: rowsPerStatement) {
            let chunk = stale[start..<min(start + rowsPerStatement, stale.count)]
            var tuples: [String] = []
            var parameters: [String?] = []
            for output in chunk {
                tuples.append("($\(parameters.count + 1), $\(parameters.count + 2), $\(parameters.count + 3))")
                parameters += [output.documentID, output.plugin.name, output.plugin.version]
            }
            try connection.query("DELETE FROM annotations WHERE (document_id, plugin_name, plugin_version) IN (\(tuples.joined(separator: ", ")))", parameters)
        }
        var rows: [[String?]] = []
        var features: [UInt8] = []
        for output in outputs {
            let plugin = String(pluginIDs[output.plugin]!)
            for annotation in output.annotations {
                features.removeAll(keepingCapacity: true)
                annotation.features.write(toUTF8: &features)
                let span = annotation.span
                rows.append([output.documentID, plugin, output.plugin.name, output.plugin.version, runID, annotation.label,
                             span.map { String($0.byteStart) }, span.map { String($0.byteEnd) },
                             span.map { String($0.codePointStart) }, span.map { String($0.codePointEnd) },
                             "\(annotation.score)", String(decoding: features, as: UTF8.self)])
            }
        }
        if !rows.isEmpty {
            try connection.copy("""
                COPY annotations (document_id, plugin_id, plugin_name, plugin_version, run_id, label,
                                  byte_start, byte_end, cp_start, cp_end, score, features) FROM STDIN
                """, rows: rows)
        }
        // One row per (document, plugin version): the last output wins, as in SQLite.
        var latest: [String: [String?]] = [:]
        var order: [String] = []
        for output in outputs {
            let key = output.documentID + "\u{0}" + output.plugin.name + "\u{0}" + output.plugin.version
            if latest[key] == nil { order.append(key) }
            latest[key] = [output.documentID, output.plugin.name, output.plugin.version, String(pluginIDs[output.plugin]!),
                           output.textSHA256, output.paramsSHA256, runID]
        }
        try insertRows("INSERT INTO outputs (document_id, plugin_name, plugin_version, plugin_id, text_sha256, params_sha256, run_id)",
                       order.map { latest[$0]! }, suffix: """
                           ON CONFLICT (document_id, plugin_name, plugin_version) DO UPDATE SET plugin_id = EXCLUDED.plugin_id,
                           text_sha256 = EXCLUDED.text_sha256, params_sha256 = EXCLUDED.params_sha256, run_id = EXCLUDED.run_id
                           """, in: connection)
    }

    private static func insert(_ errors: [ProcessingError], runID: String, in connection: PostgreSQLConnection) throws {
        guard !errors.isEmpty else { return }
        try insertRows("INSERT INTO errors (run_id, document_id, source, plugin, kind, message, line)", errors.map { error in
            // A NUL (in the id of a refused document, say) is kept as its picture, U+2400.
            [runID, error.documentID, error.source, error.plugin, error.kind.rawValue, error.message, error.line.map { String($0) }]
                .map { $0?.replacingOccurrences(of: "\u{0}", with: "\u{2400}") }
        }, in: connection)
    }

    private static func record(_ inputs: [CompletedInput], runID: String, in connection: PostgreSQLConnection) throws {
        guard !inputs.isEmpty else { return }
        var latest: [String: [String?]] = [:]
        var order: [String] = []
        for input in inputs {
            let key = input.contentSHA256 + "\u{0}" + input.pluginSetSHA256
            if latest[key] == nil { order.append(key) }
            latest[key] = [input.contentSHA256, input.pluginSetSHA256, input.path, String(input.documents), String(input.errors), runID]
        }
        try insertRows("INSERT INTO completed_inputs (content_sha256, plugin_set_sha256, path, documents, errors, run_id)",
                       order.map { latest[$0]! }, suffix: """
                           ON CONFLICT (content_sha256, plugin_set_sha256) DO UPDATE SET path = EXCLUDED.path,
                           documents = EXCLUDED.documents, errors = EXCLUDED.errors, run_id = EXCLUDED.run_id
                           """, in: connection)
    }
}
