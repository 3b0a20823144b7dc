import GRDB

/// What `marginalia check` finds: SQLite's own `PRAGMA integrity_check`, then the
/// invariants the store relies on — every document's text is valid UTF-8 whose stored byte
/// length, code-point length and hash match it; every span lies within its text on UTF-8
/// boundaries with code-point offsets equal to the bytes decoded; every annotation belongs
/// to a stored document, a known plugin and a recorded output.
///
/// ```swift
/// let report = try store.check()
/// print(report.isHealthy ? "ok" : report.problems.joined(separator: "\n"))
/// ```
public struct StoreCheckReport: Sendable {
    /// One line per problem, naming the document and annotation (by row id) it is about.
    public var problems: [String] = []
    /// Problems past `limit` that were counted, not described.
    public var moreProblems = 0
    public var documents = 0
    public var annotations = 0

    public var isHealthy: Bool { problems.isEmpty }
}

extension SQLiteAnnotationStore: CheckableStore {
    /// Checks the whole store (reading every row once); describes at most `limit` problems.
    public func check(limit: Int = 100) -> StoreCheckReport {
        let report = StoreCheckCollector(limit: limit)
        let problem = report.add
        // Each phase reads in a transaction of its own; one that SQLite cannot read to its
        // end is itself a problem, named with the phase, and the next phase still runs.
        func phase(_ name: String, _ body: (Database) throws -> Void) {
            do { try database.read { try body($0) } } catch let error as DatabaseError {
                problem("SQLite could not read \(name): \(error.message ?? "\(error.resultCode)")")
            } catch {
                problem("could not read \(name): \(error)")
            }
        }
        phase("the file for its integrity check") { db in
            try DirectStatement(db.makeStatement(sql: "PRAGMA integrity_check")).forEachRow(in: db) { row in
                let line = row.optionalText(0) ?? ""
                if line != "ok" { problem("SQLite integrity check: \(line)") }
            }
        }
        phase("the documents and their annotations") { try checkDocuments($0, report) }
        phase("the links between annotations, documents, plugins and outputs") { try checkOrphans($0, problem) }
        return report.report
    }

    private func checkDocuments(_ db: Database, _ builder: StoreCheckCollector) throws {
        let problem = builder.add
        let spans = try db.makeStatement(sql: """
            SELECT a.id, l.name, p.name, p.version, a.byte_start, a.byte_end, a.cp_start, a.cp_end
            FROM annotations a LEFT JOIN labels l ON l.id = a.label LEFT JOIN plugins p ON p.id = a.plugin_id
            WHERE a.document_key = ? ORDER BY a.id
            """)
        try DirectStatement(db.makeStatement(sql: """
            SELECT id, CAST(text AS BLOB), byte_length, code_point_length, text_sha256, key FROM documents ORDER BY id
            """)).forEachRow(in: db) { row in
            builder.report.documents += 1
            let id = row.optionalText(0) ?? "(NULL id)"
            let bytes = row.bytes(1) ?? []
            let index = StoreInvariants.checkText(of: id, bytes: bytes, byteLength: row.optionalText(2), codePointLength: row.optionalText(3),
                                                  sha256: row.optionalText(4), problem: problem)
            try DirectStatement(spans, [try? row.optionalInteger(5)]).forEachRow(in: db) { span in
                builder.report.annotations += 1
                let what = StoreInvariants.annotation(span.optionalText(0), label: span.optionalText(1), plugin: span.optionalText(2),
                                                      version: span.optionalText(3), of: id)
                guard let values = try? (4...7).map({ try span.optionalInt(Int32($0)) }) else {
                    problem("\(what): an offset is not an integer"); return
                }
                StoreInvariants.checkSpan(values, of: what, in: index, problem: problem)
            }
        }
    }

    private func checkOrphans(_ db: Database, _ problem: (String) -> Void) throws {
        // Each row: annotation id, document id (or key), label, plugin name, plugin version.
        let columns = """
            SELECT a.id, COALESCE(d.id, 'with key ' || a.document_key), l.name, p.name, p.version FROM annotations a
            LEFT JOIN documents d ON d.key = a.document_key LEFT JOIN labels l ON l.id = a.label LEFT JOIN plugins p ON p.id = a.plugin_id
            """
        let orphans: [(sql: String, reason: String)] = [
            (columns + " WHERE d.key IS NULL ORDER BY a.id", "its document is not stored"),
            (columns + """
              WHERE d.key IS NOT NULL AND p.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outputs o JOIN plugins op ON op.id = o.plugin_id
                    WHERE o.document_key = a.document_key AND op.name = p.name AND op.version = p.version) ORDER BY a.id
             """, "no output row records it (document, plugin, version)"),
            (columns + " WHERE p.id IS NULL ORDER BY a.id", "its plugin row is missing"),
            (columns + " WHERE l.id IS NULL ORDER BY a.id", "its label row is missing"),
        ]
        for (sql, reason) in orphans {
            try DirectStatement(db.makeStatement(sql: sql)).forEachRow(in: db) { row in
                problem("document \(row.optionalText(1) ?? "?"): annotation \(row.optionalText(0) ?? "?") '\(row.optionalText(2) ?? "")' of \(row.optionalText(3) ?? "") \(row.optionalText(4) ?? ""): \(reason)")
            }
        }
        try DirectStatement(db.makeStatement(sql: """
            SELECT 'with key ' || o.document_key, p.name, p.version FROM outputs o LEFT JOIN plugins p ON p.id = o.plugin_id
            WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.key = o.document_key)
            """)).forEachRow(in: db) { row in
            problem("document \(row.optionalText(0) ?? "?"): an output of \(row.optionalText(1) ?? "") \(row.optionalText(2) ?? "") but no such document")
        }
        // The schema keys an output by its plugin row: one plugin version's outputs under two
        // script hashes on one document would each claim the document's annotations.
        try DirectStatement(db.makeStatement(sql: """
            SELECT d.id, p.name, p.version, COUNT(*) FROM outputs o JOIN plugins p ON p.id = o.plugin_id
            JOIN documents d ON d.key = o.document_key GROUP BY o.document_key, p.name, p.version HAVING COUNT(*) > 1
            ORDER BY d.id, p.name, p.version
            """)).forEachRow(in: db) { row in
            problem("document \(row.optionalText(0) ?? "?"): \(row.optionalText(3) ?? "?") outputs of \(row.optionalText(1) ?? "") \(row.optionalText(2) ?? ""), one expected")
        }
        try DirectStatement(db.makeStatement(sql: """
            SELECT d.id, p.name, p.version FROM outputs o JOIN documents d ON d.key = o.document_key
            LEFT JOIN plugins p ON p.id = o.plugin_id
            WHERE p.id IS NULL OR NOT EXISTS (SELECT 1 FROM output_params pp WHERE pp.id = o.params_id)
            ORDER BY d.id
            """)).forEachRow(in: db) { row in
            problem("document \(row.optionalText(0) ?? "?"): an output of \(row.optionalText(1) ?? "?") \(row.optionalText(2) ?? "") whose plugin or parameters row is missing")
        }
    }
}
