import GRDB

/// Reading whole plugin outputs back (provenance and annotations), for copying a store.
extension SQLiteAnnotationStore {
    public func forEachDocumentOutputs(_ body: (Document, [PluginOutput]) throws -> Void) throws {
        try guarded {
            try database.read { db in
                let documents = DirectStatement(try db.makeStatement(sql: Self.documentSQL + " ORDER BY id"))
                let outputsOf = try db.cachedStatement(sql: """
                    SELECT COALESCE(o.text_sha256, d.text_sha256), pp.sha256, p.name, p.version, p.sha256
                    FROM outputs o JOIN documents d ON d.key = o.document_key JOIN plugins p ON p.id = o.plugin_id
                    JOIN output_params pp ON pp.id = o.params_id WHERE o.document_key = ?
                    ORDER BY p.name, p.version, p.sha256
                    """)
                let annotationsOf = try db.cachedStatement(sql: Self.documentAnnotationsSQL)
                try documents.forEachRow(in: db) { row in
                    let document = try Self.document(from: row)
                    let outputs = try DirectStatement(outputsOf, [try row.integer(8)]).rows(in: db) { row in
                        PluginOutput(documentID: document.id, textSHA256: try row.text(0),
                                     plugin: try Self.plugin(from: row, at: 2),
                                     paramsSHA256: try row.text(1), annotations: [])
                    }
                    let annotations = try DirectStatement(annotationsOf, [try row.integer(8)]).rows(in: db, Self.annotation(from:))
                    try body(document, PluginOutput.attaching(annotations, to: outputs, of: document))
                }
            }
        }
    }
}
