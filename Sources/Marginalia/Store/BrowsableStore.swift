/// The reads a browser of the store needs beyond `AnnotationStore`: documents of a label a
/// page at a time, labels per month, documents by language and source, and which run made
/// each output. `marginalia serve` and `marginalia report` read through it.
///
/// ```swift
/// let store: any BrowsableStore = try SQLiteAnnotationStore(path: "news.sqlite")
/// var query = AnnotationQuery(); query.labels = LabelSelector("topic:defense")
/// let firstPage = try store.documentIDs(matching: query, offset: 0, limit: 50)
/// let total = try store.documentCount(matching: query)
/// let perDocument = try store.spanCounts(matching: query)   // [(doc0001, 12), (doc0002, 3), …]
/// let hits = try store.makeSearchIndex().search(DocumentSearch(text: "\"security council\""))
/// ```
public protocol BrowsableStore: AnnotationStore {
    /// The ids of the documents with at least one annotation the query selects, sorted,
    /// `limit` of them from `offset` (the query's own limit is ignored).
    func documentIDs(matching query: AnnotationQuery, offset: Int, limit: Int) throws -> [String]
    /// How many documents have at least one annotation the query selects.
    func documentCount(matching query: AnnotationQuery) throws -> Int
    /// How many spans (annotations with a position; document labels are left out) the query
    /// selects in each document that has one, sorted by the bytes of the document id (the query's own limit
    /// is ignored). A label page pages its KWIC lines over every document with it. A
    /// default implementation reads every document (`forEachDocumentAnnotations(matching:)`);
    /// a backend answers it in its query language.
    func spanCounts(matching query: AnnotationQuery) throws -> [DocumentSpanCount]
    /// Annotations per month of the document date (`YYYY-MM`) and label, sorted by month
    /// then label; undated documents are left out.
    func monthlyCounts() throws -> [MonthlyCount]
    /// Documents per language and per source file.
    func documentFacets() throws -> DocumentFacets
    /// The run that wrote each plugin version's output on a document, by plugin.
    func outputRuns(documentID: String) throws -> [OutputRun]
    /// A full-text search over the documents, in the backend's own means (an in-memory FTS5
    /// index for SQLite, a GIN index in the database for PostgreSQL); the query syntax is
    /// FTS5's words, `"phrases"`, `prefix*`, `AND`, `OR`, `NOT` and parentheses.
    func makeSearchIndex() -> any DocumentSearching
}

extension BrowsableStore {
    public func spanCounts(matching query: AnnotationQuery) throws -> [DocumentSpanCount] {
        var selection = query
        selection.limit = nil
        var counts: [DocumentSpanCount] = []
        try forEachDocumentAnnotations(matching: selection) { document, annotations in
            let spans = annotations.filter { $0.span != nil }.count
            if spans > 0 { counts.append(DocumentSpanCount(documentID: document.id, spans: spans)) }
        }
        return counts.sorted { $0.documentID.utf8.lexicographicallyPrecedes($1.documentID.utf8) }
    }
}

/// `spans` selected spans in the document `documentID`: one row of `spanCounts(matching:)`.
///
/// ```swift
/// let counts = try store.spanCounts(matching: query)
/// let lines = counts.reduce(0) { $0 + $1.spans }   // KWIC lines of the whole label
/// ```
public struct DocumentSpanCount: Sendable, Hashable {
    public var documentID: String
    public var spans: Int

    public init(documentID: String, spans: Int) {
        self.documentID = documentID
        self.spans = spans
    }
}

/// `count` annotations of `label` in documents dated in `month` (`YYYY-MM`).
public struct MonthlyCount: Sendable, Hashable {
    public var month: String
    public var label: String
    public var count: Int

    public init(month: String, label: String, count: Int) {
        self.month = month
        self.label = label
        self.count = count
    }
}

/// How the stored documents divide: by language (`und` when unknown) and by the file they
/// were read from, each sorted by count, largest first; and how many have no date.
public struct DocumentFacets: Sendable, Hashable {
    public var languages: [(value: String, count: Int)]
    public var sources: [(value: String, count: Int)]
    public var undated: Int

    public init(languages: [(value: String, count: Int)], sources: [(value: String, count: Int)], undated: Int) {
        self.languages = languages
        self.sources = sources
        self.undated = undated
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.languages.elementsEqual(rhs.languages, by: ==) && lhs.sources.elementsEqual(rhs.sources, by: ==) && lhs.undated == rhs.undated
    }

    public func hash(into hasher: inout Hasher) {
        for (value, count) in languages + sources { hasher.combine(value); hasher.combine(count) }
        hasher.combine(undated)
    }
}

/// One plugin version's output on a document: the run that wrote it and the hash of the
/// parameters it ran with.
public struct OutputRun: Sendable, Hashable {
    public var plugin: PluginIdentity
    public var runID: Int64
    public var paramsSHA256: String

    public init(plugin: PluginIdentity, runID: Int64, paramsSHA256: String) {
        self.plugin = plugin
        self.runID = runID
        self.paramsSHA256 = paramsSHA256
    }
}
