import Foundation
import GRDB

/// Full-text search over a store's documents: an SQLite FTS5 index built in memory from
/// the documents the first time it is asked, and again after a new run was recorded (the
/// store itself is never written), with date and language filters; a hit carries a
/// snippet with the matched words marked.
///
/// ```swift
/// let index = DocumentSearchIndex(store: store)
/// var search = DocumentSearch(text: "\"security council\"")
/// search.language = "en"
/// let page = try index.search(search)   // page.total, page.hits[0].snippet
/// try index.prepare()                    // or build it ahead, e.g. when a server starts
/// ```
public final class DocumentSearchIndex: DocumentSearching, @unchecked Sendable {
    private let store: any AnnotationStore
    private var database: DatabaseQueue?
    /// The latest run when the index was built.
    private var builtAfterRun: Int64?
    private let lock = NSLock()

    public init(store: any AnnotationStore) { self.store = store }

    /// The matching documents, best first (FTS5's bm25 rank, then id), `search.limit`
    /// of them from `search.offset`, restricted to `search.documentIDs` when given. Throws
    /// `SearchError` for a query FTS5 cannot parse.
    public func search(_ search: DocumentSearch) throws -> DocumentSearchPage {
        let database = try built()
        var conditions = ["search MATCH ?"]
        var arguments: [(any DatabaseValueConvertible)?] = [search.text]
        if let from = search.dateFrom { conditions.append("date >= ?"); arguments.append(from) }
        if let to = search.dateTo { conditions.append("date <= ?"); arguments.append(to) }
        if let language = search.language { conditions.append("lang = ?"); arguments.append(language) }
        let sql = """
            SELECT id, snippet(search, 3, char(1), char(2), '…', 24) FROM search
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY rank, id
            """
        do {
            return try database.read { db in
                var hits: [DocumentSearchHit] = []
                var total = 0
                // By length, as the store reads: an id or a snippet with a NUL byte stays whole.
                try DirectStatement(db.makeStatement(sql: sql), arguments).forEachRow(in: db) { row in
                    let id = try row.text(0)
                    if let allowed = search.documentIDs, !allowed.contains(id) { return }
                    if total >= search.offset && hits.count < search.limit { hits.append(DocumentSearchHit(documentID: id, snippet: try row.text(1))) }
                    total += 1
                }
                return DocumentSearchPage(total: total, hits: hits)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            throw SearchError(query: search.text, message: error.message ?? "\(error)")
        }
    }

    /// Builds the index now (on a background thread, say) instead of at the first search;
    /// a search meanwhile waits for it.
    public func prepare() throws { _ = try built() }

    /// The index, built on the first search (or by `prepare`) and after a new run.
    private func built() throws -> DatabaseQueue {
        try lock.withLock {
            let latestRun = try store.latestRunID()
            if let database, builtAfterRun == latestRun { return database }
            let database = try DatabaseQueue()
            try database.write { db in
                try db.execute(sql: "CREATE VIRTUAL TABLE search USING fts5(id UNINDEXED, date UNINDEXED, lang UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')")
                let insert = try db.makeStatement(sql: "INSERT INTO search (id, date, lang, text) VALUES (?, ?, ?, ?)")
                for id in try store.documentIDs() {
                    guard let document = try store.document(id: id) else { continue }
                    // Bound by length: GRDB's own binding would index a text only up to its first NUL
                    // byte. The NUL itself is indexed as ␀ (a separator, as NUL is), since FTS5 builds
                    // snippets with printf's %s, which would drop the text from a NUL to the next hit.
                    let text = document.text.utf8.contains(0) ? document.text.replacingOccurrences(of: "\u{0}", with: "\u{2400}") : document.text
                    try DirectStatement(insert).bind(1, document.id).bind(2, document.metadata.date).bind(3, document.metadata.language)
                        .bind(4, text).run(in: db)
                }
            }
            self.database = database
            builtAfterRun = latestRun
            return database
        }
    }
}
