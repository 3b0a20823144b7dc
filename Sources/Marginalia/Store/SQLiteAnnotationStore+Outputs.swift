import GRDB

/// Reading whole plugin outputs back (provenance and annotations), for copying a store.
extension SQLiteAnnotationStore {
    public func forEachDocumentOutputs(_ body: (Document, [PluginOutput]) throws -> Void) throws {
        try guarded {
            try database.read { db in
                let documents = try Row.fetchCursor(db, sql: "SELECT * FROM documents ORDER BY id")
                let outputsOf = try db.cachedStatement(sql: """
                    SELECT o.text_sha256, o.params_sha256, p.name, p.version, p.sha256
                    FROM outputs o JOIN plugins p ON p.id = o.plugin_id WHERE o.document_id = ?
                    ORDER BY p.name, p.version, p.sha256
                    """)
                let annotationsOf = try db.cachedStatement(sql: Self.documentAnnotationsSQL)
                while let row = try documents.next() {
                    let document = Self.document(from: row)
                    var outputs = try Row.fetchAll(outputsOf, arguments: [document.id]).map { row in
                        PluginOutput(documentID: document.id, textSHA256: row[0],
                                     plugin: PluginIdentity(name: row[2], version: row[3], sha256: row[4]),
                                     paramsSHA256: row[1], annotations: [])
                    }
                    var position: [PluginIdentity: Int] = [:]
                    for (index, output) in outputs.enumerated() { position[output.plugin] = index }
                    for annotation in try Row.fetchAll(annotationsOf, arguments: [row["key"] as Int64]).map(Self.annotation(from:)) {
                        if let index = position[annotation.plugin] {
                            outputs[index].annotations.append(annotation)
                        } else {
                            // Annotations without an output row (an older plugin version of the same
                            // name, replaced since): carried over as their own output.
                            position[annotation.plugin] = outputs.count
                            outputs.append(PluginOutput(documentID: document.id, textSHA256: document.textSHA256,
                                                        plugin: annotation.plugin, paramsSHA256: "", annotations: [annotation]))
                        }
                    }
                    try body(document, outputs)
                }
            }
        }
    }
}
