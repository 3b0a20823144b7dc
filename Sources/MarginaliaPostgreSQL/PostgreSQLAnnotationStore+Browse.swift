import Marginalia

/// `BrowsableStore` in PostgreSQL's SQL, with the SQLite store's meanings and orders (text
/// compared byte by byte, `COLLATE "C"`): what `marginalia serve` and `marginalia report`
/// read. Full-text search is ``PostgreSQLTextSearch``, a GIN index in the database.
extension PostgreSQLAnnotationStore: BrowsableStore {
    public func documentIDs(matching query: AnnotationQuery, offset: Int, limit: Int) throws -> [String] {
        var selection = query
        selection.limit = nil
        var parameters: [String?] = []
        let conditions = ["a.document_id = d.id"] + Self.conditions(for: selection, parameters: &parameters)
        // Documents in id order (their primary key), each kept when it has a selected
        // annotation (annotations_by_output): a page stops as soon as it is full.
        return try rows("""
            SELECT d.id FROM documents d WHERE EXISTS (SELECT 1 FROM annotations a WHERE \(conditions.joined(separator: " AND "))) \
            ORDER BY d.id LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
            """, parameters).compactMap { $0[0] }
    }

    public func documentCount(matching query: AnnotationQuery) throws -> Int {
        var selection = query
        selection.limit = nil
        var parameters: [String?] = []
        let conditions = Self.conditions(for: selection, parameters: &parameters)
        var sql = "SELECT COUNT(DISTINCT a.document_id) FROM annotations a"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        return Int(try rows(sql, parameters)[0][0] ?? "0") ?? 0
    }

    public func monthlyCounts() throws -> [MonthlyCount] {
        try rows("""
            SELECT substr(d.date, 1, 7) AS month, a.label, COUNT(*) FROM annotations a JOIN documents d ON d.id = a.document_id
            WHERE d.date IS NOT NULL AND length(d.date) >= 7 GROUP BY month, a.label ORDER BY month, a.label
            """).map { MonthlyCount(month: $0[0] ?? "", label: $0[1] ?? "", count: Int($0[2] ?? "0") ?? 0) }
    }

    public func documentFacets() throws -> DocumentFacets {
        func counts(_ rows: [[String?]]) -> [(value: String, count: Int)] { rows.map { (value: $0[0] ?? "", count: Int($0[1] ?? "0") ?? 0) } }
        let languages = counts(try rows("""
            SELECT COALESCE(lang, 'und') COLLATE "C" AS l, COUNT(*) AS n FROM documents GROUP BY l ORDER BY n DESC, l
            """))
        // A source is `file:line` for record files: group by the file.
        let sources = counts(try rows("""
            SELECT COALESCE(rtrim(rtrim(source, '0123456789'), ':'), 'unknown') COLLATE "C" AS s, COUNT(*) AS n
            FROM documents GROUP BY s ORDER BY n DESC, s
            """))
        let undated = Int(try rows("SELECT COUNT(*) FROM documents WHERE date IS NULL")[0][0] ?? "0") ?? 0
        return DocumentFacets(languages: languages, sources: sources, undated: undated)
    }

    public func outputRuns(documentID: String) throws -> [OutputRun] {
        try rows("""
            SELECT p.name, p.version, p.sha256, o.run_id, o.params_sha256 FROM outputs o
            JOIN plugins p ON p.id = o.plugin_id WHERE o.document_id = $1 ORDER BY p.name, p.version
            """, [documentID]).map {
            OutputRun(plugin: PluginIdentity(name: $0[0] ?? "", version: $0[1] ?? "", sha256: $0[2] ?? ""),
                      runID: Int64($0[3] ?? "0") ?? 0, paramsSHA256: $0[4] ?? "")
        }
    }

    /// A search through PostgreSQL's own full-text search (see ``PostgreSQLTextSearch``).
    public func makeSearchIndex() -> any DocumentSearching { PostgreSQLTextSearch(store: self) }
}
