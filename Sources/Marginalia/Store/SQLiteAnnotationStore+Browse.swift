import GRDB

/// `BrowsableStore` in SQL. Documents of a label come from the label index; months and
/// facets are one grouped scan each (callers such as `marginalia serve` keep them).
extension SQLiteAnnotationStore: BrowsableStore {
    public func documentIDs(matching query: AnnotationQuery, offset: Int, limit: Int) throws -> [String] {
        var selection = query
        selection.limit = nil
        // Documents in id order (their unique index), each kept when it has a selected
        // annotation (annotations_by_output): a page stops as soon as it is full.
        let (conditions, arguments) = Self.conditions(for: selection, byDocument: true)
        let sql = """
            SELECT d.id FROM documents d WHERE EXISTS (SELECT 1 FROM annotations a WHERE \
            \((["a.document_key = d.key"] + conditions).joined(separator: " AND "))) \
            ORDER BY d.id LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
            """
        return try guarded {
            try database.read { db in try String.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) }
        }
    }

    public func documentCount(matching query: AnnotationQuery) throws -> Int {
        var selection = query
        selection.limit = nil
        let (conditions, arguments) = Self.conditions(for: selection)
        var sql = "SELECT COUNT(DISTINCT a.document_key) FROM annotations a"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        return try guarded {
            try database.read { db in try Int.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) ?? 0 }
        }
    }

    public func monthlyCounts() throws -> [MonthlyCount] {
        try guarded {
            try database.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT c.month, l.name, c.n FROM (
                        SELECT substr(d.date, 1, 7) AS month, a.label AS label, COUNT(*) AS n FROM annotations a
                        JOIN documents d ON d.key = a.document_key
                        WHERE d.date IS NOT NULL AND length(d.date) >= 7 GROUP BY month, a.label
                    ) c JOIN labels l ON l.id = c.label ORDER BY c.month, l.name
                    """).map { MonthlyCount(month: $0[0], label: $0[1], count: $0[2]) }
            }
        }
    }

    public func documentFacets() throws -> DocumentFacets {
        try guarded {
            try database.read { db in
                let languages = try Row.fetchAll(db, sql: """
                    SELECT COALESCE(lang, 'und') AS l, COUNT(*) AS n FROM documents GROUP BY l ORDER BY n DESC, l
                    """).map { (value: $0[0] as String, count: $0[1] as Int) }
                // A source is `file:line` for record files: group by the file.
                let sources = try Row.fetchAll(db, sql: """
                    SELECT COALESCE(rtrim(rtrim(source, '0123456789'), ':'), 'unknown') AS s, COUNT(*) AS n
                    FROM documents GROUP BY s ORDER BY n DESC, s
                    """).map { (value: $0[0] as String, count: $0[1] as Int) }
                let undated = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents WHERE date IS NULL") ?? 0
                return DocumentFacets(languages: languages, sources: sources, undated: undated)
            }
        }
    }

    public func outputRuns(documentID: String) throws -> [OutputRun] {
        try guarded {
            try database.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT p.name, p.version, p.sha256, o.run_id, o.params_sha256 FROM outputs o
                    JOIN plugins p ON p.id = o.plugin_id WHERE o.document_id = ? ORDER BY p.name, p.version
                    """, arguments: [documentID]).map {
                    OutputRun(plugin: PluginIdentity(name: $0[0], version: $0[1], sha256: $0[2]), runID: $0[3], paramsSHA256: $0[4])
                }
            }
        }
    }
}
