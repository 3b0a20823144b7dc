import Marginalia

/// `marginalia check` in PostgreSQL's terms. First what the server can tell: the database's
/// encoding (only UTF8 keeps every text valid UTF-8), indexes left invalid by an interrupted
/// build, constraints not validated, and foreign-key triggers switched off (`ALTER TABLE …
/// DISABLE TRIGGER ALL`, or rows written with `session_replication_role = replica`, are how
/// orphans get in). Then the invariants of `StoreInvariants` over every document's bytes as the
/// server sends them and every annotation, in one read-only snapshot; then the links between
/// rows — annotations without their document, plugin row or output row, plugin names and
/// versions copied into annotations and outputs that disagree with the plugin row, outputs
/// without their document.
///
/// ```swift
/// let report = try PostgreSQLAnnotationStore(url: url).check(limit: 100)
/// print(report.isHealthy ? "ok" : report.problems.joined(separator: "\n"))
/// ```
extension PostgreSQLAnnotationStore: CheckableStore {
    public func check(limit: Int = 100) -> StoreCheckReport {
        let collector = StoreCheckCollector(limit: limit)
        let problem = collector.add
        // Each phase reads on its own; one the server refuses is itself a problem, and the
        // next phase still runs.
        func phase(_ name: String, _ body: (PostgreSQLConnection) throws -> Void) {
            do { try pool.with(body) } catch let error as PostgreSQLError {
                problem("PostgreSQL could not read \(name): \(error.message)")
            } catch {
                problem("could not read \(name): \(error)")
            }
        }
        phase("the database's settings, indexes and constraints") { try Self.checkServer($0, problem) }
        phase("the documents and their annotations") { connection in
            try connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { _ = try? connection.query("COMMIT") }
            try Self.checkDocuments(connection, collector)
        }
        phase("the links between annotations, documents, plugins and outputs") { try Self.checkLinks($0, problem) }
        return collector.report
    }

    /// The tables of the store, for the catalogue queries.
    private static let tables = "('documents', 'plugins', 'runs', 'outputs', 'annotations', 'errors', 'completed_inputs')"

    private static func checkServer(_ connection: PostgreSQLConnection, _ problem: (String) -> Void) throws {
        let encoding = try connection.query("SHOW server_encoding").first?[0] ?? "?"
        if encoding != "UTF8" {
            problem("the database's encoding is \(encoding), not UTF8: the server does not keep texts valid UTF-8")
        }
        for row in try connection.query("""
            SELECT c.relname, t.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
            WHERE NOT i.indisvalid AND t.relnamespace = current_schema()::regnamespace AND t.relname IN \(tables) ORDER BY c.relname
            """) {
            let index = row[0] ?? "?"
            let remedy = index == PostgreSQLTextSearch.indexName ? "the next search builds it again" : "REINDEX INDEX \(index)"
            problem("index \(index) on \(row[1] ?? "?") is invalid (its build was interrupted); queries ignore it: \(remedy)")
        }
        for row in try connection.query("""
            SELECT con.conname, t.relname FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid
            WHERE NOT con.convalidated AND t.relnamespace = current_schema()::regnamespace AND t.relname IN \(tables) ORDER BY con.conname
            """) {
            problem("constraint \(row[0] ?? "?") on \(row[1] ?? "?") is not validated: rows written before it may break it")
        }
        for row in try connection.query("""
            SELECT DISTINCT t.relname FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
            WHERE g.tgisinternal AND g.tgenabled = 'D' AND t.relnamespace = current_schema()::regnamespace AND t.relname IN \(tables)
            ORDER BY t.relname
            """) {
            problem("foreign-key checks are switched off on \(row[0] ?? "?") (ALTER TABLE … DISABLE TRIGGER ALL): ALTER TABLE \(row[0] ?? "?") ENABLE TRIGGER ALL")
        }
    }

    private static func checkDocuments(_ connection: PostgreSQLConnection, _ collector: StoreCheckCollector) throws {
        let problem = collector.add
        let columns = "SELECT id, text, byte_length, code_point_length, text_sha256 FROM documents"
        var last: String?
        while true {
            let page = try last.map {
                try connection.queryBytes(columns + " WHERE id > $1 ORDER BY id LIMIT \(documentsPerPage)", [$0])
            } ?? connection.queryBytes(columns + " ORDER BY id LIMIT \(documentsPerPage)")
            guard !page.isEmpty else { return }
            func text(_ value: [UInt8]?) -> String? { value.map { String(decoding: $0, as: UTF8.self) } }
            let ids = page.map { text($0[0]) ?? "" }
            let placeholders = ids.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
            var spans: [String: [[String?]]] = [:]
            for row in try connection.query("""
                SELECT a.document_id, a.id, a.label, p.name, p.version, a.byte_start, a.byte_end, a.cp_start, a.cp_end
                FROM annotations a LEFT JOIN plugins p ON p.id = a.plugin_id WHERE a.document_id IN (\(placeholders)) ORDER BY a.document_id, a.id
                """, ids) {
                spans[row[0] ?? "", default: []].append(row)
            }
            for (row, id) in zip(page, ids) {
                collector.report.documents += 1
                let index = StoreInvariants.checkText(of: id, bytes: row[1] ?? [], byteLength: text(row[2]), codePointLength: text(row[3]),
                                                      sha256: text(row[4]), problem: problem)
                for span in spans[id] ?? [] {
                    collector.report.annotations += 1
                    let what = StoreInvariants.annotation(span[1], label: span[2], plugin: span[3], version: span[4], of: id)
                    StoreInvariants.checkSpan((5...8).map { span[$0].flatMap { Int($0) } }, of: what, in: index, problem: problem)
                }
            }
            last = ids.last
        }
    }

    private static func checkLinks(_ connection: PostgreSQLConnection, _ problem: (String) -> Void) throws {
        // Each row: annotation id, document id, label, plugin name, plugin version (of the plugin row).
        let columns = "SELECT a.id, a.document_id, a.label, p.name, p.version FROM annotations a LEFT JOIN plugins p ON p.id = a.plugin_id"
        let stored = "EXISTS (SELECT 1 FROM documents d WHERE d.id = a.document_id)"
        let orphans: [(sql: String, reason: String)] = [
            (columns + " WHERE NOT \(stored) ORDER BY a.id", "its document is not stored"),
            (columns + """
              WHERE \(stored) AND p.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outputs o WHERE o.document_id = a.document_id
                    AND o.plugin_name = p.name AND o.plugin_version = p.version) ORDER BY a.id
             """, "no output row records it (document, plugin, version)"),
            (columns + " WHERE p.id IS NULL ORDER BY a.id", "its plugin row is missing"),
        ]
        for (sql, reason) in orphans {
            for row in try connection.query(sql) {
                problem(StoreInvariants.annotation(row[0], label: row[2], plugin: row[3], version: row[4], of: row[1] ?? "?") + ": \(reason)")
            }
        }
        for row in try connection.query("""
            SELECT a.id, a.document_id, a.label, p.name, p.version, a.plugin_name, a.plugin_version FROM annotations a
            JOIN plugins p ON p.id = a.plugin_id WHERE a.plugin_name <> p.name OR a.plugin_version <> p.version ORDER BY a.id
            """) {
            problem(StoreInvariants.annotation(row[0], label: row[2], plugin: row[3], version: row[4], of: row[1] ?? "?")
                    + ": its plugin_name and plugin_version say \(row[5] ?? "") \(row[6] ?? "")")
        }
        for row in try connection.query("""
            SELECT o.document_id, o.plugin_name, o.plugin_version FROM outputs o
            WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = o.document_id) ORDER BY o.document_id, o.plugin_name, o.plugin_version
            """) {
            problem("document \(row[0] ?? "?"): an output of \(row[1] ?? "") \(row[2] ?? "") but no such document")
        }
        for row in try connection.query("""
            SELECT o.document_id, o.plugin_name, o.plugin_version, p.name, p.version FROM outputs o LEFT JOIN plugins p ON p.id = o.plugin_id
            WHERE p.id IS NULL OR o.plugin_name <> p.name OR o.plugin_version <> p.version ORDER BY o.document_id, o.plugin_name, o.plugin_version
            """) {
            let row3 = row[3].map { "its plugin row says \($0) \(row[4] ?? "")" } ?? "its plugin row is missing"
            problem("document \(row[0] ?? "?"): the output of \(row[1] ?? "") \(row[2] ?? ""): \(row3)")
        }
    }
}
