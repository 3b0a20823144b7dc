import Marginalia

/// Queries and counts: the SQL that `AnnotationQuery` becomes, with the same meaning as in
/// the SQLite store (labels and prefixes compared byte by byte, `COLLATE "C"`).
extension PostgreSQLAnnotationStore {
    public func layers() throws -> [PluginIdentity] {
        try rows("""
            SELECT DISTINCT p.name, p.version, p.sha256 FROM outputs o JOIN plugins p ON p.id = o.plugin_id
            ORDER BY p.name, p.version, p.sha256
            """).map { PluginIdentity(name: $0[0] ?? "", version: $0[1] ?? "", sha256: $0[2] ?? "") }
    }

    public func documentCount() throws -> Int {
        Int(try rows("SELECT COUNT(*) FROM documents")[0][0] ?? "0") ?? 0
    }

    public func documentIDs() throws -> [String] {
        try rows("SELECT id FROM documents ORDER BY id").compactMap { $0[0] }
    }

    public func annotations(matching query: AnnotationQuery) throws -> [Annotation] {
        var parameters: [String?] = []
        let conditions = Self.conditions(for: query, parameters: &parameters)
        var sql = Self.annotationColumns
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " " + Self.exportOrder
        if let limit = query.limit { sql += " LIMIT \(max(0, limit))" }
        return try rows(sql, parameters).map(Self.annotation(from:))
    }

    public func countAnnotations(matching query: AnnotationQuery) throws -> [LabelPluginCount] {
        var parameters: [String?] = []
        let conditions = Self.conditions(for: query, parameters: &parameters)
        var inner = "SELECT a.label, a.plugin_id, COUNT(*) AS n FROM annotations a"
        if !conditions.isEmpty { inner += " WHERE " + conditions.joined(separator: " AND ") }
        inner += " GROUP BY a.label, a.plugin_id"
        return try rows("""
            SELECT c.label, p.name, p.version, p.sha256, c.n FROM (\(inner)) c JOIN plugins p ON p.id = c.plugin_id
            ORDER BY c.label, p.name, p.version, p.sha256
            """, parameters).map {
            LabelPluginCount(label: $0[0] ?? "", plugin: PluginIdentity(name: $0[1] ?? "", version: $0[2] ?? "", sha256: $0[3] ?? ""),
                             count: Int($0[4] ?? "0") ?? 0)
        }
    }

    /// WHERE conditions over `annotations a`, their values appended to `parameters`.
    static func conditions(for query: AnnotationQuery, parameters: inout [String?]) -> [String] {
        var conditions: [String] = []
        func placeholder(_ value: String) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        if !query.labels.patterns.isEmpty {
            var alternatives: [String] = []
            for pattern in query.labels.patterns {
                if LabelSelector.isPrefix(pattern) {
                    var upper = Array(pattern.utf8)
                    upper[upper.count - 1] += 1
                    alternatives.append("(a.label >= \(placeholder(pattern)) AND a.label < \(placeholder(String(decoding: upper, as: UTF8.self))))")
                } else {
                    alternatives.append("a.label = \(placeholder(pattern))")
                }
            }
            conditions.append("(" + alternatives.joined(separator: " OR ") + ")")
        }
        if let (name, version) = query.pluginNameAndVersion {
            if let version {
                conditions.append("a.plugin_id IN (SELECT id FROM plugins WHERE name = \(placeholder(name)) AND version = \(placeholder(version)))")
            } else {
                conditions.append("a.plugin_id IN (SELECT id FROM plugins WHERE name = \(placeholder(name)))")
            }
        }
        if let documentID = query.documentID { conditions.append("a.document_id = \(placeholder(documentID))") }
        if let minimum = query.minimumScore { conditions.append("a.score >= \(placeholder("\(minimum)"))::double precision") }
        var documentConditions: [String] = []
        if let from = query.dateFrom { documentConditions.append("date >= \(placeholder(from))") }
        if let to = query.dateTo { documentConditions.append("date <= \(placeholder(to))") }
        if let language = query.language { documentConditions.append("lang = \(placeholder(language))") }
        if !documentConditions.isEmpty {
            conditions.append("a.document_id IN (SELECT id FROM documents WHERE " + documentConditions.joined(separator: " AND ") + ")")
        }
        if let needle = query.textContains {
            // SQLite's LIKE folds ASCII letters only; so does ILIKE under the "C" collation.
            let escaped = needle.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            conditions.append("""
                a.cp_start IS NOT NULL AND (SELECT substr(text, a.cp_start + 1, a.cp_end - a.cp_start) FROM documents WHERE id = a.document_id) \
                ILIKE \(placeholder("%" + escaped + "%")) ESCAPE '\\'
                """)
        }
        return conditions
    }
}
