import Foundation
import GRDB

/// Full-text search over a store's documents: an SQLite FTS5 index built in memory from
/// the documents the first time it is asked (the store itself is never written), with
/// date and language filters; a hit carries a snippet with the matched words marked.
///
/// ```swift
/// let index = DocumentSearchIndex(store: store)
/// var search = DocumentSearch(text: "\"security council\"")
/// search.language = "en"
/// let page = try index.search(search)   // page.total, page.hits[0].snippet
/// try index.prepare()                    // or build it ahead, e.g. when a server starts
/// ```
public final class DocumentSearchIndex: @unchecked Sendable {
    private let store: any AnnotationStore
    private var database: DatabaseQueue?
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
                let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
                while let row = try rows.next() {
                    let id: String = row[0]
                    if let allowed = search.documentIDs, !allowed.contains(id) { continue }
                    if total >= search.offset && hits.count < search.limit { hits.append(DocumentSearchHit(documentID: id, snippet: row[1])) }
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

    /// The index, built on the first search (or by `prepare`).
    private func built() throws -> DatabaseQueue {
        try lock.withLock {
            if let database { return database }
            let database = try DatabaseQueue()
            try database.write { db in
                try db.execute(sql: "CREATE VIRTUAL TABLE search USING fts5(id UNINDEXED, date UNINDEXED, lang UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')")
                let insert = try db.makeStatement(sql: "INSERT INTO search (id, date, lang, text) VALUES (?, ?, ?, ?)")
                for id in try store.documentIDs() {
                    guard let document = try store.document(id: id) else { continue }
                    try insert.execute(arguments: [document.id, document.metadata.date, document.metadata.language, document.text])
                }
            }
            self.database = database
            return database
        }
    }
}
