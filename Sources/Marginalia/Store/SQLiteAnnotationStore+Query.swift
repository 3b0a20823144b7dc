import Foundation
import GRDB

/// Queries and counts: the SQL that `AnnotationQuery` becomes. Counts use the covering
/// index `annotations_by_label_plugin_score`, so they never read the annotation rows.
extension SQLiteAnnotationStore {
    public func layers() throws -> [PluginIdentity] {
        try guarded {
            try database.read { db in
                try DirectStatement(db.cachedStatement(sql: """
                    SELECT DISTINCT p.name, p.version, p.sha256 FROM outputs o JOIN plugins p ON p.id = o.plugin_id
                    ORDER BY p.name, p.version, p.sha256
                    """)).rows(in: db) { try Self.plugin(from: $0, at: 0) }
            }
        }
    }

    public func documentCount() throws -> Int {
        try guarded { try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents") ?? 0 } }
    }

    public func documentIDs() throws -> [String] {
        try guarded { try database.read { db in try DirectStatement(db.cachedStatement(sql: "SELECT id FROM documents ORDER BY id")).rows(in: db) { try $0.text(0) } } }
    }

    public func annotations(matching query: AnnotationQuery) throws -> [Annotation] {
        let (conditions, arguments) = Self.conditions(for: query)
        var sql = Self.orderedAnnotationsSQL
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " " + Self.exportOrder
        if let limit = query.limit { sql += " LIMIT \(max(0, limit))" }
        return try guarded {
            try queryRead { db in
                try DirectStatement(db.makeStatement(sql: sql), arguments).rows(in: db, Self.annotation(from:))
            }
        }
    }

    public func countAnnotations(matching query: AnnotationQuery) throws -> [LabelPluginCount] {
        let (sql, arguments) = Self.countSQL(for: query)
        return try guarded {
            try queryRead { db in
                try DirectStatement(db.makeStatement(sql: sql), arguments).rows(in: db) {
                    LabelPluginCount(label: try $0.text(0), plugin: try Self.plugin(from: $0, at: 1), count: try $0.int(4))
                }
            }
        }
    }

    /// How SQLite answers `countAnnotations(matching:)`: the `EXPLAIN QUERY PLAN` steps,
    /// one string each. Tests check with it that counts stay on an index.
    ///
    /// ```swift
    /// try store.countQueryPlan(matching: AnnotationQuery())
    /// // ["SCAN a USING COVERING INDEX annotations_by_label_plugin_score", …]
    /// ```
    func countQueryPlan(matching query: AnnotationQuery) throws -> [String] {
        let (sql, arguments) = Self.countSQL(for: query)
        return try guarded {
            try queryRead { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(arguments)).map { $0["detail"] }
            }
        }
    }

    /// Counts grouped by label and plugin row id inside, joined to the plugin names after,
    /// so that the grouping runs on `annotations_by_label_plugin_score` alone.
    static func countSQL(for query: AnnotationQuery) -> (sql: String, arguments: [(any DatabaseValueConvertible)?]) {
        let (conditions, arguments) = conditions(for: query)
        var inner = "SELECT a.label, a.plugin_id, COUNT(*) AS n FROM annotations a"
        if !conditions.isEmpty { inner += " WHERE " + conditions.joined(separator: " AND ") }
        inner += " GROUP BY a.label, a.plugin_id"
        let sql = """
            SELECT l.name, p.name, p.version, p.sha256, c.n FROM (\(inner)) c JOIN plugins p ON p.id = c.plugin_id
            JOIN labels l ON l.id = c.label
            ORDER BY l.name, p.name, p.version, p.sha256
            """
        return (sql, arguments)
    }

    /// WHERE conditions over `annotations a` (documents only through sub-selects, so
    /// that counting can stay on the index).
    /// `byDocument`: the caller adds `a.document_key = ?` itself (one document at a time).
    static func conditions(for query: AnnotationQuery, byDocument: Bool = false) -> (conditions: [String], arguments: [(any DatabaseValueConvertible)?]) {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        // One document has few annotations: with a document id, its index is always the
        // best way in. A unary `+` keeps SQLite (which has no statistics without ANALYZE)
        // from choosing the label or plugin index, which may hold half the table.
        let oneDocument = byDocument || query.documentID != nil
        let label = oneDocument ? "+a.label" : "a.label"
        let pluginID = oneDocument ? "+a.plugin_id" : "a.plugin_id"
        if !query.labels.patterns.isEmpty {
            var alternatives: [String] = []
            for pattern in query.labels.patterns {
                // Labels are interned: the names select label ids, which the label index answers.
                if LabelSelector.isPrefix(pattern) {
                    // A prefix as a range over the names (labels' unique index).
                    var upper = Array(pattern.utf8)
                    upper[upper.count - 1] += 1
                    alternatives.append("\(label) IN (SELECT id FROM labels WHERE name >= ? AND name < ?)")
                    arguments += [pattern, String(decoding: upper, as: UTF8.self)]
                } else {
                    alternatives.append("\(label) IN (SELECT id FROM labels WHERE name = ?)")
                    arguments.append(pattern)
                }
            }
            conditions.append("(" + alternatives.joined(separator: " OR ") + ")")
        }
        if let (name, version) = query.pluginNameAndVersion {
            if let version {
                conditions.append("\(pluginID) IN (SELECT id FROM plugins WHERE name = ? AND version = ?)")
                arguments += [name, version]
            } else {
                conditions.append("\(pluginID) IN (SELECT id FROM plugins WHERE name = ?)")
                arguments.append(name)
            }
        }
        if let documentID = query.documentID {
            conditions.append("a.document_key = (SELECT key FROM documents WHERE id = ?)")
            arguments.append(documentID)
        }
        if let minimum = query.minimumScore {
            conditions.append("a.score >= ?")
            arguments.append(minimum)
        }
        var documentConditions: [String] = []
        if let from = query.dateFrom { documentConditions.append("date >= ?"); arguments.append(from) }
        if let to = query.dateTo { documentConditions.append("date <= ?"); arguments.append(to) }
        if let language = query.language { documentConditions.append("lang = ?"); arguments.append(language) }
        if !documentConditions.isEmpty {
            conditions.append("a.document_key IN (SELECT key FROM documents WHERE " + documentConditions.joined(separator: " AND ") + ")")
        }
        if let needle = query.textContains {
            let escaped = needle.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            conditions.append("""
                a.byte_start IS NOT NULL AND CAST(substr(CAST((SELECT text FROM documents WHERE key = a.document_key) AS BLOB), \
                a.byte_start + 1, a.byte_end - a.byte_start) AS TEXT) LIKE ? ESCAPE '\\'
                """)
            arguments.append("%" + escaped + "%")
        }
        return (conditions, arguments)
    }
}
