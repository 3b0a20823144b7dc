import GRDB

/// What `marginalia check` finds: SQLite's own `PRAGMA integrity_check`, then the
/// invariants the store relies on — every document's text is valid UTF-8 whose stored byte
/// length, code-point length and hash match it; every span lies within its text on UTF-8
/// boundaries with code-point offsets equal to the bytes decoded; every annotation belongs
/// to a stored document, a known plugin and a recorded output.
///
/// ```swift
/// let report = try store.check()
/// print(report.isHealthy ? "ok" : report.problems.joined(separator: "\n"))
/// ```
public struct StoreCheckReport: Sendable {
    /// One line per problem, naming the document and annotation (by row id) it is about.
    public var problems: [String] = []
    /// Problems past `limit` that were counted, not described.
    public var moreProblems = 0
    public var documents = 0
    public var annotations = 0

    public var isHealthy: Bool { problems.isEmpty }
}

extension SQLiteAnnotationStore {
    /// Checks the whole store (reading every row once); describes at most `limit` problems.
    public func check(limit: Int = 100) -> StoreCheckReport {
        let report = ReportBuilder(limit: limit)
        let problem = report.add
        // Each phase reads in a transaction of its own; one that SQLite cannot read to its
        // end is itself a problem, named with the phase, and the next phase still runs.
        func phase(_ name: String, _ body: (Database) throws -> Void) {
            do { try database.read { try body($0) } } catch let error as DatabaseError {
                problem("SQLite could not read \(name): \(error.message ?? "\(error.resultCode)")")
            } catch {
                problem("could not read \(name): \(error)")
            }
        }
        phase("the file for its integrity check") { db in
            try DirectStatement(db.makeStatement(sql: "PRAGMA integrity_check")).forEachRow(in: db) { row in
                let line = row.optionalText(0) ?? ""
                if line != "ok" { problem("SQLite integrity check: \(line)") }
            }
        }
        phase("the documents and their annotations") { try checkDocuments($0, report) }
        phase("the links between annotations, documents, plugins and outputs") { try checkOrphans($0, problem) }
        return report.report
    }

    /// Collects problems up to a limit, counting the rest.
    private final class ReportBuilder {
        let limit: Int
        var report = StoreCheckReport()
        init(limit: Int) { self.limit = limit }
        func add(_ problem: String) {
            if report.problems.count < limit { report.problems.append(problem) } else { report.moreProblems += 1 }
        }
    }

    private func checkDocuments(_ db: Database, _ builder: ReportBuilder) throws {
        let problem = builder.add
        let spans = try db.makeStatement(sql: """
            SELECT a.id, l.name, p.name, p.version, a.byte_start, a.byte_end, a.cp_start, a.cp_end
            FROM annotations a LEFT JOIN labels l ON l.id = a.label LEFT JOIN plugins p ON p.id = a.plugin_id
            WHERE a.document_key = ? ORDER BY a.id
            """)
        try DirectStatement(db.makeStatement(sql: """
            SELECT id, CAST(text AS BLOB), byte_length, code_point_length, text_sha256, key FROM documents ORDER BY id
            """)).forEachRow(in: db) { row in
            builder.report.documents += 1
            let id = row.optionalText(0) ?? "(NULL id)"
            let bytes = row.bytes(1) ?? []
            let index = CodePointIndex(utf8: bytes)
            if let offset = UTF8Validation.firstInvalidByteOffset(bytes) {
                problem("document \(id): its text is not valid UTF-8 (byte \(offset)); code points are not its bytes decoded")
            }
            let storedBytes = row.optionalText(2) ?? "NULL", storedCodePoints = row.optionalText(3) ?? "NULL"
            if storedBytes != String(bytes.count) {
                problem("document \(id): byte_length is \(storedBytes), its text has \(bytes.count) bytes")
            }
            if storedCodePoints != String(index.codePointCount) {
                problem("document \(id): code_point_length is \(storedCodePoints), its text has \(index.codePointCount) code points")
            }
            if row.optionalText(4) != ContentHash.sha256Hex(bytes) {
                problem("document \(id): text_sha256 does not match its text")
            }
            try DirectStatement(spans, [try? row.optionalInteger(5)]).forEachRow(in: db) { span in
                builder.report.annotations += 1
                let what = "document \(id): annotation \(span.optionalText(0) ?? "?") '\(span.optionalText(1) ?? "")' of \(span.optionalText(2) ?? "") \(span.optionalText(3) ?? "")"
                guard let values = try? (4...7).map({ try span.optionalInt(Int32($0)) }) else {
                    problem("\(what): an offset is not an integer"); return
                }
                if values.allSatisfy({ $0 == nil }) { return }   // a document label
                guard let byteStart = values[0], let byteEnd = values[1], let cpStart = values[2], let cpEnd = values[3] else {
                    problem("\(what): some offsets are NULL, not all"); return
                }
                guard 0 <= byteStart, byteStart <= byteEnd, byteEnd <= bytes.count else {
                    problem("\(what): bytes \(byteStart)..<\(byteEnd) are outside the text (\(bytes.count) bytes)"); return
                }
                guard index.isBoundary(byte: byteStart), index.isBoundary(byte: byteEnd) else {
                    problem("\(what): bytes \(byteStart)..<\(byteEnd) cut a UTF-8 sequence"); return
                }
                let expected = (index.codePointOffset(ofByte: byteStart), index.codePointOffset(ofByte: byteEnd))
                if (cpStart, cpEnd) != expected {
                    problem("\(what): code points \(cpStart)..<\(cpEnd) but bytes \(byteStart)..<\(byteEnd) decode to code points \(expected.0)..<\(expected.1)")
                }
            }
        }
    }

    private func checkOrphans(_ db: Database, _ problem: (String) -> Void) throws {
        // Each row: annotation id, document id (or key), label, plugin name, plugin version.
        let columns = """
            SELECT a.id, COALESCE(d.id, 'with key ' || a.document_key), l.name, p.name, p.version FROM annotations a
            LEFT JOIN documents d ON d.key = a.document_key LEFT JOIN labels l ON l.id = a.label LEFT JOIN plugins p ON p.id = a.plugin_id
            """
        let orphans: [(sql: String, reason: String)] = [
            (columns + " WHERE d.key IS NULL ORDER BY a.id", "its document is not stored"),
            (columns + """
              WHERE d.key IS NOT NULL AND p.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outputs o WHERE o.document_id = d.id
                    AND o.plugin_name = p.name AND o.plugin_version = p.version) ORDER BY a.id
             """, "no output row records it (document, plugin, version)"),
            (columns + " WHERE p.id IS NULL ORDER BY a.id", "its plugin row is missing"),
            (columns + " WHERE l.id IS NULL ORDER BY a.id", "its label row is missing"),
        ]
        for (sql, reason) in orphans {
            try DirectStatement(db.makeStatement(sql: sql)).forEachRow(in: db) { row in
                problem("document \(row.optionalText(1) ?? "?"): annotation \(row.optionalText(0) ?? "?") '\(row.optionalText(2) ?? "")' of \(row.optionalText(3) ?? "") \(row.optionalText(4) ?? ""): \(reason)")
            }
        }
        try DirectStatement(db.makeStatement(sql: """
            SELECT o.document_id, o.plugin_name, o.plugin_version FROM outputs o
            WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = o.document_id)
            """)).forEachRow(in: db) { row in
            problem("document \(row.optionalText(0) ?? "?"): an output of \(row.optionalText(1) ?? "") \(row.optionalText(2) ?? "") but no such document")
        }
    }
}
