import GRDB

/// Filtered export in SQL: documents chosen by id, date and language on the documents
/// table, then each document's annotations through its index with the other filters.
extension SQLiteAnnotationStore {
    public func forEachDocumentAnnotations(matching query: AnnotationQuery, _ body: (Document, [Annotation]) throws -> Void) throws {
        var documentConditions: [String] = []
        var documentArguments: [(any DatabaseValueConvertible)?] = []
        if let id = query.documentID { documentConditions.append("id = ?"); documentArguments.append(id) }
        if let from = query.dateFrom { documentConditions.append("date >= ?"); documentArguments.append(from) }
        if let to = query.dateTo { documentConditions.append("date <= ?"); documentArguments.append(to) }
        if let language = query.language { documentConditions.append("lang = ?"); documentArguments.append(language) }
        var documentSQL = Self.documentSQL
        if !documentConditions.isEmpty { documentSQL += " WHERE " + documentConditions.joined(separator: " AND ") }
        documentSQL += " ORDER BY id"

        var perDocument = query
        (perDocument.documentID, perDocument.dateFrom, perDocument.dateTo, perDocument.language, perDocument.limit) = (nil, nil, nil, nil, nil)
        let (conditions, arguments) = Self.conditions(for: perDocument, byDocument: true)
        let annotationSQL = Self.orderedAnnotationsSQL + " WHERE " + (["a.document_key = ?"] + conditions).joined(separator: " AND ")
            + " " + Self.exportOrder
        func readDocuments(_ db: Database) throws {
            let documents = DirectStatement(try db.makeStatement(sql: documentSQL), documentArguments)
            let ofDocument = try db.cachedStatement(sql: annotationSQL)
            try documents.forEachRow(in: db) { row in
                let document = try Self.document(from: row)
                let annotations = try DirectStatement(ofDocument, [try row.integer(8)] + arguments).rows(in: db, Self.annotation(from:))
                if annotations.isEmpty && query.filtersAnnotations { return }
                try body(document, annotations)
            }
        }
        try guarded {
            // A date or language filter reads through the query indexes on `documents`.
            if query.dateFrom != nil || query.dateTo != nil || query.language != nil {
                try queryRead(readDocuments)
            } else {
                try database.read(readDocuments)
            }
        }
    }

    public func featureKeys(matching query: AnnotationQuery) throws -> [String] {
        var selection = query
        selection.limit = nil
        let (conditions, arguments) = Self.conditions(for: selection)
        var sql = "SELECT DISTINCT j.key FROM annotations a, json_each(a.features) j WHERE json_type(a.features) = 'object'"
        if !conditions.isEmpty { sql += " AND " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY j.key"
        return try guarded {
            try queryRead { db in try DirectStatement(db.makeStatement(sql: sql), arguments).rows(in: db) { try $0.text(0) } }
        }
    }
}
