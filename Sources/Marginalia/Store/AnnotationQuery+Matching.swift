/// The same selection as the store's SQL, decided in Swift for one annotation: what a
/// backend without its own filtered iteration falls back on.
///
/// ```swift
/// var query = AnnotationQuery()
/// query.labels = LabelSelector("topic:")
/// query.selects(annotation, in: document)   // true for a topic label of a kept document
/// ```
extension AnnotationQuery {
    /// True when some filter looks at the annotation itself (label, plugin, score, text),
    /// not only at its document (id, date, language).
    public var filtersAnnotations: Bool {
        !labels.patterns.isEmpty || plugin != nil || minimumScore != nil || textContains != nil
    }

    /// True when the query's document filters (id, date, language) keep `document`.
    public func selects(_ document: Document) -> Bool {
        if let documentID, document.id != documentID { return false }
        if let dateFrom, !(document.metadata.date.map { $0 >= dateFrom } ?? false) { return false }
        if let dateTo, !(document.metadata.date.map { $0 <= dateTo } ?? false) { return false }
        if let language, document.metadata.language != language { return false }
        return true
    }

    /// True when the plugin filter (a name, or name@version) keeps `plugin`.
    public func pluginMatches(_ plugin: PluginIdentity) -> Bool {
        guard let (name, version) = pluginNameAndVersion else { return true }
        return plugin.name == name && (version == nil || plugin.version == version)
    }

    /// True when every filter keeps `annotation` of `document` (`limit` aside).
    public func selects(_ annotation: Annotation, in document: Document) -> Bool {
        guard selects(document), labels.matches(annotation.label) else { return false }
        if !pluginMatches(annotation.plugin) { return false }
        if let minimumScore, annotation.score < minimumScore { return false }
        if let textContains {
            // A span outside the text (a damaged store) matches nothing.
            guard let covered = (try? annotation.coveredText(in: Array(document.text.utf8))) ?? nil else { return false }
            return covered.asciiLowercased().contains(textContains.asciiLowercased())
        }
        return true
    }
}

extension String {
    /// ASCII letters lowered, everything else kept (SQLite's LIKE folds the same way).
    func asciiLowercased() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }))
    }
}
