/// A full-text search of `DocumentSearchIndex`: FTS5 query syntax (`tanks`, `"security
/// council"`, `drone*`, `tanks AND NOT exercise`), optional date and language filters, an
/// optional set of allowed documents (those with a label, say) and a page.
///
/// ```swift
/// var search = DocumentSearch(text: "ceasefire")
/// search.dateFrom = "2016-01-01"; search.offset = 20; search.limit = 20
/// ```
public struct DocumentSearch: Sendable, Hashable {
    public var text: String
    public var dateFrom: String?
    public var dateTo: String?
    public var language: String?
    /// Only these documents, when given.
    public var documentIDs: Set<String>?
    public var offset = 0
    public var limit = 20

    public init(text: String) { self.text = text }
}

/// A full-text index over a store's documents (`BrowsableStore.makeSearchIndex()`): one
/// page of matching documents, best first, for a `DocumentSearch`. A query it cannot parse
/// throws `SearchError`.
///
/// ```swift
/// let index = store.makeSearchIndex()
/// try index.prepare()                      // optional: build it now, not at the first search
/// let page = try index.search(DocumentSearch(text: "ceasefire OR truce"))
/// ```
public protocol DocumentSearching: Sendable {
    func search(_ search: DocumentSearch) throws -> DocumentSearchPage
    /// Builds whatever the index needs now (on a background thread, say) instead of at the
    /// first search; a search meanwhile waits for it.
    func prepare() throws
}

/// One page of hits and how many documents match in all.
public struct DocumentSearchPage: Sendable, Hashable {
    public var total: Int
    public var hits: [DocumentSearchHit]

    public init(total: Int, hits: [DocumentSearchHit]) {
        self.total = total
        self.hits = hits
    }
}

/// A matching document and a snippet of its text in which the matched words are between
/// U+0001 and U+0002 (for the caller to mark up after escaping).
public struct DocumentSearchHit: Sendable, Hashable {
    public var documentID: String
    public var snippet: String

    public init(documentID: String, snippet: String) {
        self.documentID = documentID
        self.snippet = snippet
    }
}

/// A search the index cannot run, e.g. `"unbalanced` or `AND`.
public struct SearchError: Error, Sendable, CustomStringConvertible {
    public var query: String
    public var message: String

    public init(query: String, message: String) {
        self.query = query
        self.message = message
    }

    public var description: String { "cannot search for '\(query)': \(message)" }
}
