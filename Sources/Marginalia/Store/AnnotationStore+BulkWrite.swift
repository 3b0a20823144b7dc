extension AnnotationStore {
    /// Runs `body` between ``beginBulkWrite()`` and ``finishBulkWrite()`` (the end is called
    /// also when `body` throws; its error then wins): what `annotate` does around its batch,
    /// for the other commands that write many rows, such as `import`.
    ///
    /// ```swift
    /// let summary = try store.inBulkWrite { try JSONLImporter.importFile("out.jsonl", into: store) }
    /// ```
    public func inBulkWrite<T>(_ body: () throws -> T) throws -> T {
        try beginBulkWrite()
        let result: T
        do { result = try body() } catch {
            try? finishBulkWrite()
            throw error
        }
        try finishBulkWrite()
        return result
    }
}
