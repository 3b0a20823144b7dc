import GRDB

/// `BrowsableStore` in SQL. Documents of a label come from the label index; months and
/// facets are one grouped scan each (callers such as `marginalia serve` keep them). Every
/// string is bound and read by length (`DirectStatement`, `StoredRow`), so ids, labels,
/// sources and plugin names holding a NUL byte come back whole, as in the rest of the store.
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
            try database.read { db in try DirectStatement(db.makeStatement(sql: sql), arguments).rows(in: db) { try $0.text(0) } }
        }
    }

    public func documentCount(matching query: AnnotationQuery) throws -> Int {
        var selection = query
        selection.limit = nil
        let (conditions, arguments) = Self.conditions(for: selection)
        var sql = "SELECT COUNT(DISTINCT a.document_key) FROM annotations a"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        return try guarded {
            try queryRead { db in try DirectStatement(db.makeStatement(sql: sql), arguments).firstRow(in: db) { try $0.int(0) } ?? 0 }
        }
    }

    public func spanCounts(matching query: AnnotationQuery) throws -> [DocumentSpanCount] {
        var selection = query
        selection.limit = nil
        let (conditions, arguments) = Self.conditions(for: selection)
        // Grouped on the integer key, then joined to the ids once per document.
        let sql = """
            SELECT d.id, c.n FROM (SELECT a.document_key AS k, COUNT(*) AS n FROM annotations a WHERE \
            \((["a.byte_start IS NOT NULL"] + conditions).joined(separator: " AND ")) GROUP BY a.document_key) c \
            JOIN documents d ON d.key = c.k ORDER BY d.id
            """
        return try guarded {
            try queryRead { db in
                try DirectStatement(db.makeStatement(sql: sql), arguments).rows(in: db) {
                    DocumentSpanCount(documentID: try $0.text(0), spans: try $0.int(1))
                }
            }
        }
    }

    public func monthlyCounts() throws -> [MonthlyCount] {
        try guarded {
            try queryRead { db in
                try DirectStatement(db.makeStatement(sql: """
                    SELECT c.month, l.name, c.n FROM (
                        SELECT substr(d.date, 1, 7) AS month, a.label AS label, COUNT(*) AS n FROM annotations a
                        JOIN documents d ON d.key = a.document_key
                        WHERE d.date IS NOT NULL AND length(d.date) >= 7 GROUP BY month, a.label
                    ) c JOIN labels l ON l.id = c.label ORDER BY c.month, l.name
                    """)).rows(in: db) { MonthlyCount(month: try $0.text(0), label: try $0.text(1), count: try $0.int(2)) }
            }
        }
    }

    public func documentFacets() throws -> DocumentFacets {
        try guarded {
            try database.read { db in
                let languages = try DirectStatement(db.makeStatement(sql: """
                    SELECT COALESCE(lang, 'und') AS l, COUNT(*) AS n FROM documents GROUP BY l ORDER BY n DESC, l
                    """)).rows(in: db) { (value: try $0.text(0), count: try $0.int(1)) }
                // A source is `file:line` for record files: group by the file.
                let sources = try DirectStatement(db.makeStatement(sql: """
                    SELECT COALESCE(rtrim(rtrim(source, '0123456789'), ':'), 'unknown') AS s, COUNT(*) AS n
                    FROM documents GROUP BY s ORDER BY n DESC, s
                    """)).rows(in: db) { (value: try $0.text(0), count: try $0.int(1)) }
                let undated = try DirectStatement(db.makeStatement(sql: "SELECT COUNT(*) FROM documents WHERE date IS NULL"))
                    .firstRow(in: db) { try $0.int(0) } ?? 0
                return DocumentFacets(languages: languages, sources: sources, undated: undated)
            }
        }
    }

    /// An SQLite FTS5 index built in memory from the documents at the first search.
    public func makeSearchIndex() -> any DocumentSearching { DocumentSearchIndex(store: self) }

    public func outputRuns(documentID: String) throws -> [OutputRun] {
        try guarded {
            try database.read { db in
                try DirectStatement(db.cachedStatement(sql: """
                    SELECT p.name, p.version, p.sha256, o.run_id, pp.sha256 FROM documents d JOIN outputs o ON o.document_key = d.key
                    JOIN plugins p ON p.id = o.plugin_id JOIN output_params pp ON pp.id = o.params_id
                    WHERE d.id = ? ORDER BY p.name, p.version
                    """), [documentID]).rows(in: db) {
                    OutputRun(plugin: try Self.plugin(from: $0, at: 0), runID: try $0.integer(3), paramsSHA256: try $0.text(4))
                }
            }
        }
    }
}
