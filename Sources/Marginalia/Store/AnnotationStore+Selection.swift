/// Filtered iteration for any backend, decided in Swift by `AnnotationQuery.selects`.
/// `SQLiteAnnotationStore` answers the same in SQL; a new backend gets these for free and
/// may override them.
///
/// ```swift
/// var query = AnnotationQuery()
/// query.plugin = "defense@1.0.0"
/// try store.forEachDocumentAnnotations(matching: query) { document, annotations in … }
/// let columns = try store.featureKeys(matching: query)   // ["term"]
/// ```
extension AnnotationStore {
    public func forEachDocumentAnnotations(matching query: AnnotationQuery, _ body: (Document, [Annotation]) throws -> Void) throws {
        try forEachDocumentAnnotations { document, annotations in
            guard query.selects(document) else { return }
            let kept = annotations.filter { query.selects($0, in: document) }
            if kept.isEmpty && query.filtersAnnotations { return }
            try body(document, kept)
        }
    }

    public func featureKeys(matching query: AnnotationQuery) throws -> [String] {
        var keys = Set<String>()
        try forEachDocumentAnnotations(matching: query) { _, annotations in
            for case let object? in annotations.map(\.features.objectValue) { keys.formUnion(object.keys) }
        }
        return keys.sorted()
    }

    /// Every document with its annotations when `query` is nil (the unfiltered export),
    /// else those the query selects.
    public func forEachDocumentAnnotations(selectedBy query: AnnotationQuery?, _ body: (Document, [Annotation]) throws -> Void) throws {
        if let query { try forEachDocumentAnnotations(matching: query, body) } else { try forEachDocumentAnnotations(body) }
    }
}
