import Foundation
import Marginalia

/// Full-text search in the database itself: `to_tsvector('simple', text)` (words lower-cased,
/// no stemming and no stop words, like the SQLite store's FTS5 `unicode61` tokenizer) in a
/// GIN index, `documents_search`, that the first search (or `prepare`) creates with
/// `CREATE INDEX CONCURRENTLY` — shards writing meanwhile are not blocked — and that the
/// server keeps current from then on. The query is parsed as `SearchExpression` (FTS5's
/// syntax) and becomes a `tsquery`; hits are ranked by `ts_rank`, then id, and their
/// snippets come from `ts_headline`.
///
/// A role that may not create the index (not the tables' owner, or a read-only replica)
/// still searches, by reading every text: correct, only slower.
///
/// ```swift
/// let index = store.makeSearchIndex()          // a PostgreSQLTextSearch
/// let page = try index.search(DocumentSearch(text: "\"security council\" NOT russia"))
/// ```
final class PostgreSQLTextSearch: DocumentSearching, @unchecked Sendable {
    static let indexName = "documents_search"
    /// The indexed expression; a query must spell it the same way to use the index.
    static let vector = "to_tsvector('simple', text)"
    /// Any fixed number: the lock that lets one session at a time build the index.
    static let buildLock = 7314219

    private let store: PostgreSQLAnnotationStore
    private let lock = NSLock()
    private var prepared = false

    init(store: PostgreSQLAnnotationStore) { self.store = store }

    func prepare() throws {
        try lock.withLock {
            guard !prepared else { return }
            try store.guarded { try store.pool.with(Self.ensureIndex) }
            prepared = true
        }
    }

    /// Creates the index unless it is there and valid. A session that finds another building
    /// it does not wait (searches work without it meanwhile); one that may not create it
    /// searches without it.
    static func ensureIndex(_ connection: PostgreSQLConnection) throws {
        let valid = """
            SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE c.relname = '\(indexName)' AND c.relnamespace = current_schema()::regnamespace
            """
        if try connection.query(valid).first?[0] == "t" { return }
        guard try connection.query("SELECT pg_try_advisory_lock(\(buildLock))")[0][0] == "t" else { return }
        defer { _ = try? connection.query("SELECT pg_advisory_unlock(\(buildLock))") }
        do {
            // A build that was interrupted leaves an invalid index behind: build it again.
            if try connection.query(valid).first?[0] == "f" { try connection.run(script: "DROP INDEX CONCURRENTLY IF EXISTS \(indexName)") }
            try connection.run(script: "CREATE INDEX CONCURRENTLY IF NOT EXISTS \(indexName) ON documents USING gin (\(vector))")
        } catch let error as PostgreSQLError where error.sqlState == "42501" || error.sqlState == "25006" {
            return   // not the owner, or a read-only server: search without the index
        }
    }

    func search(_ search: DocumentSearch) throws -> DocumentSearchPage {
        try prepare()
        var parameters: [String?] = []
        let query = Self.tsquery(try SearchExpression.parse(search.text), &parameters)
        func placeholder(_ value: String) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        var conditions = ["\(Self.vector) @@ \(query)"]
        if let from = search.dateFrom { conditions.append("date >= \(placeholder(from))") }
        if let to = search.dateTo { conditions.append("date <= \(placeholder(to))") }
        if let language = search.language { conditions.append("lang = \(placeholder(language))") }
        let matches = try store.rows("""
            SELECT id FROM documents WHERE \(conditions.joined(separator: " AND ")) ORDER BY ts_rank(\(Self.vector), \(query)) DESC, id
            """, parameters).compactMap { $0[0] }
        let allowed = search.documentIDs.map { ids in matches.filter(ids.contains) } ?? matches
        let page = Array(allowed.dropFirst(max(0, search.offset)).prefix(max(0, search.limit)))
        guard !page.isEmpty else { return DocumentSearchPage(total: allowed.count, hits: []) }
        // Snippets for the page's documents only (ts_headline reads the whole text).
        var snippetParameters: [String?] = []
        let snippetQuery = Self.tsquery(try SearchExpression.parse(search.text), &snippetParameters)
        let options = "$\(snippetParameters.count + 1)"
        snippetParameters.append("StartSel=\u{1}, StopSel=\u{2}, MaxWords=24, MinWords=12, ShortWord=0, MaxFragments=1, FragmentDelimiter=\" … \"")
        let idPlaceholders = page.indices.map { "$\(snippetParameters.count + $0 + 1)" }.joined(separator: ", ")
        snippetParameters += page
        var snippets: [String: String] = [:]
        for row in try store.rows("""
            SELECT id, ts_headline('simple', text, \(snippetQuery), \(options)) FROM documents WHERE id IN (\(idPlaceholders))
            """, snippetParameters) {
            snippets[row[0] ?? ""] = Self.joinedMarks(row[1] ?? "")
        }
        return DocumentSearchPage(total: allowed.count, hits: page.map { DocumentSearchHit(documentID: $0, snippet: snippets[$0] ?? "") })
    }

    /// The expression as SQL of type `tsquery`, its words appended to `parameters`.
    static func tsquery(_ expression: SearchExpression, _ parameters: inout [String?]) -> String {
        func placeholder(_ value: String) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        switch expression {
        case .word(let word): return "plainto_tsquery('simple', \(placeholder(word)))"
        case .phrase(let words): return "phraseto_tsquery('simple', \(placeholder(words)))"
        case .prefix(let word):
            // A quoted lexeme in tsquery syntax: quotes doubled, backslashes escaped.
            let quoted = "'" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
            return "to_tsquery('simple', \(placeholder(quoted + ":*")))"
        case .and(let left, let right): return "(\(tsquery(left, &parameters)) && \(tsquery(right, &parameters)))"
        case .or(let left, let right): return "(\(tsquery(left, &parameters)) || \(tsquery(right, &parameters)))"
        case .not(let left, let right): return "(\(tsquery(left, &parameters)) && !!\(tsquery(right, &parameters)))"
        }
    }

    /// ts_headline marks each word of a phrase on its own: words marked side by side become
    /// one mark, as FTS5's snippets have them (`\u{1}blue circle\u{2}`).
    static func joinedMarks(_ snippet: String) -> String {
        var scalars: [Unicode.Scalar] = []
        let all = Array(snippet.unicodeScalars)
        var index = 0
        while index < all.count {
            if all[index] == "\u{2}" {
                var next = index + 1
                while next < all.count, all[next].properties.isWhitespace { next += 1 }
                if next < all.count, next > index + 1, all[next] == "\u{1}" {
                    scalars += all[(index + 1)..<next]
                    index = next + 1
                    continue
                }
            }
            scalars.append(all[index])
            index += 1
        }
        var joined = ""
        joined.unicodeScalars.append(contentsOf: scalars)
        return joined
    }
}
