import GRDB

/// The statements of the store's write path, looked up in the connection's statement cache
/// once per batch rather than once per row (hashing the SQL text of every row was part of
/// the writer's cost), and bound by length through ``DirectStatement``.
///
/// ```swift
/// let statements = try WriteStatements(db)
/// try DirectStatement(rebinding: statements.insertDocument).bind(1, document.id)…run(in: db)
/// ```
struct WriteStatements {
    /// `INSERT OR IGNORE` of a document row: id, text, hash, title, date, lang, url, source,
    /// metadata JSON, byte and code-point lengths.
    let insertDocument: Statement
    /// The key, text hash, and byte and code-point lengths of a stored document, by id.
    let storedDocument: Statement
    /// An output's older annotations: those of the same plugin name and version on the document.
    let deleteOutputAnnotations: Statement
    /// An output's older resume records: those of the same plugin name and version on the document.
    let deleteOutputRows: Statement

    init(_ db: Database) throws {
        insertDocument = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO documents (id, text, text_sha256, title, date, lang, url, source, metadata, byte_length, code_point_length)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        storedDocument = try db.cachedStatement(sql: "SELECT key, text_sha256, byte_length, code_point_length FROM documents WHERE id = ?")
        deleteOutputAnnotations = try db.cachedStatement(sql: """
            DELETE FROM annotations WHERE document_key = ? AND plugin_id IN (SELECT id FROM plugins WHERE name = ? AND version = ?)
            """)
        deleteOutputRows = try db.cachedStatement(sql: """
            DELETE FROM outputs WHERE document_key = ? AND plugin_id IN (SELECT id FROM plugins WHERE name = ? AND version = ?)
            """)
    }
}
