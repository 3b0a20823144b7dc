import Marginalia

/// Documents, annotations and outputs read back, in the export order of the SQLite store.
extension PostgreSQLAnnotationStore {
    static let documentColumns = "id, text, title, date, lang, url, source, metadata"
    /// Export order: document labels first, then spans by position; ties by label and plugin.
    static let annotationColumns = """
        SELECT a.document_id, a.label, a.byte_start, a.byte_end, a.cp_start, a.cp_end, a.score, a.features,
               p.name, p.version, p.sha256
        FROM annotations a JOIN plugins p ON p.id = a.plugin_id
        """
    static let exportOrder = """
        ORDER BY a.document_id, a.cp_start IS NOT NULL, a.cp_start, a.cp_end, a.label, p.name, p.version, p.sha256, a.score, a.features
        """
    /// Documents read per round trip while streaming the whole store.
    static let documentsPerPage = 200

    static func document(from row: [String?]) -> Document {
        // The metadata column holds the whole `jsonObject`; the columns beside it stay authoritative.
        let json = (try? JSONParser.parse(Array((row[7] ?? "{}").utf8)).objectValue) ?? [:]
        var metadata = DocumentMetadata(jsonObject: json)
        (metadata.title, metadata.date, metadata.language, metadata.url, metadata.source) = (row[2], row[3], row[4], row[5], row[6])
        return Document(id: row[0] ?? "", text: row[1] ?? "", metadata: metadata)
    }

    static func annotation(from row: [String?]) -> Annotation {
        var span: Span?
        if let byteStart = row[2].flatMap({ Int($0) }), let byteEnd = row[3].flatMap({ Int($0) }),
           let cpStart = row[4].flatMap({ Int($0) }), let cpEnd = row[5].flatMap({ Int($0) }) {
            span = Span(byteStart: byteStart, byteEnd: byteEnd, codePointStart: cpStart, codePointEnd: cpEnd)
        }
        let features = (try? JSONParser.parse(Array((row[7] ?? "{}").utf8))) ?? .object([:])
        return Annotation(documentID: row[0] ?? "", label: row[1] ?? "", span: span, score: Double(row[6] ?? "0") ?? 0,
                          features: features, plugin: PluginIdentity(name: row[8] ?? "", version: row[9] ?? "", sha256: row[10] ?? ""))
    }

    public func document(id: String) throws -> Document? {
        try rows("SELECT \(Self.documentColumns) FROM documents WHERE id = $1", [id]).first.map(Self.document(from:))
    }

    public func annotations(documentID: String) throws -> [Annotation] {
        try rows(Self.annotationColumns + " WHERE a.document_id = $1 " + Self.exportOrder, [documentID]).map(Self.annotation(from:))
    }

    public func outputKeys(documentID: String) throws -> Set<OutputKey> {
        Set(try rows("""
            SELECT o.text_sha256, o.params_sha256, p.name, p.version, p.sha256
            FROM outputs o JOIN plugins p ON p.id = o.plugin_id WHERE o.document_id = $1
            """, [documentID]).map {
            OutputKey(textSHA256: $0[0] ?? "", plugin: PluginIdentity(name: $0[2] ?? "", version: $0[3] ?? "", sha256: $0[4] ?? ""),
                      paramsSHA256: $0[1] ?? "")
        })
    }

    public func hasOutputs(of plugins: [PluginIdentity]) throws -> Bool {
        for plugin in plugins {
            let found = try rows("""
                SELECT EXISTS (SELECT 1 FROM outputs o JOIN plugins p ON p.id = o.plugin_id
                               WHERE p.name = $1 AND p.version = $2 AND p.sha256 = $3)
                """, [plugin.name, plugin.version, plugin.sha256])[0][0]
            if found == "t" { return true }
        }
        return false
    }

    /// Every document a page at a time in id order, inside one read-only snapshot: `body`
    /// gets the connection, the page's documents, and the placeholders `$1, $2, …` of their ids.
    private func forEachPage(_ body: (PostgreSQLConnection, [Document], String) throws -> Void) throws {
        try guarded {
            try pool.with { connection in
                try connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                defer { _ = try? connection.query("COMMIT") }
                var last: String?
                while true {
                    let page = try last.map {
                        try connection.query("SELECT \(Self.documentColumns) FROM documents WHERE id > $1 ORDER BY id LIMIT \(Self.documentsPerPage)", [$0])
                    } ?? connection.query("SELECT \(Self.documentColumns) FROM documents ORDER BY id LIMIT \(Self.documentsPerPage)")
                    guard !page.isEmpty else { return }
                    let documents = page.map(Self.document(from:))
                    try body(connection, documents, documents.indices.map { "$\($0 + 1)" }.joined(separator: ", "))
                    last = documents.last?.id
                }
            }
        }
    }

    /// Rows grouped by their first column (a document id), in the order they came.
    private static func grouped(_ rows: [[String?]]) -> [String: [[String?]]] {
        var byDocument: [String: [[String?]]] = [:]
        for row in rows { byDocument[row[0]!, default: []].append(row) }
        return byDocument
    }

    public func forEachDocumentAnnotations(_ body: (Document, [Annotation]) throws -> Void) throws {
        try forEachPage { connection, documents, placeholders in
            let annotations = Self.grouped(try connection.query(
                Self.annotationColumns + " WHERE a.document_id IN (\(placeholders)) " + Self.exportOrder, documents.map(\.id)))
            for document in documents { try body(document, (annotations[document.id] ?? []).map(Self.annotation(from:))) }
        }
    }

    public func forEachDocumentOutputs(_ body: (Document, [PluginOutput]) throws -> Void) throws {
        try forEachPage { connection, documents, placeholders in
            let ids = documents.map(\.id)
            let outputRows = Self.grouped(try connection.query("""
                SELECT o.document_id, o.text_sha256, o.params_sha256, p.name, p.version, p.sha256
                FROM outputs o JOIN plugins p ON p.id = o.plugin_id WHERE o.document_id IN (\(placeholders))
                ORDER BY o.document_id, p.name, p.version, p.sha256
                """, ids))
            let annotationRows = Self.grouped(try connection.query(
                Self.annotationColumns + " WHERE a.document_id IN (\(placeholders)) " + Self.exportOrder, ids))
            for document in documents {
                let outputs = (outputRows[document.id] ?? []).map { row in
                    PluginOutput(documentID: document.id, textSHA256: row[1] ?? "",
                                 plugin: PluginIdentity(name: row[3] ?? "", version: row[4] ?? "", sha256: row[5] ?? ""),
                                 paramsSHA256: row[2] ?? "", annotations: [])
                }
                let annotations = (annotationRows[document.id] ?? []).map(Self.annotation(from:))
                try body(document, PluginOutput.attaching(annotations, to: outputs, of: document))
            }
        }
    }
}
