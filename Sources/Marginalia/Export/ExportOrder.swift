/// The order every export writes a document's annotations in, the same as the store's
/// `ORDER BY`: document labels first, then spans by start and end code point, then label,
/// plugin name, version and SHA-256, score and features. Text compares byte by byte in
/// UTF-8, as SQLite's BINARY collation does, so that annotations sorted here print the
/// same bytes as an export from the store (the pipe mode, `annotate --emit jsonl`, relies
/// on it).
///
/// ```swift
/// let sorted = ExportOrder.sorted(outputs.flatMap(\.annotations))
/// for annotation in sorted { print(JSONLExporter.line(for: annotation, utf8: Array(document.text.utf8))) }
/// ```
public enum ExportOrder {
    /// The annotations of one document in export order.
    public static func sorted(_ annotations: [Annotation]) -> [Annotation] {
        let keyed = annotations.map { ($0, $0.features.serialized()) }
        return keyed.sorted { left, right in precedes(left.0, left.1, right.0, right.1) }.map(\.0)
    }

    private static func precedes(_ a: Annotation, _ aFeatures: String, _ b: Annotation, _ bFeatures: String) -> Bool {
        switch (a.span, b.span) {
        case (nil, .some): return true
        case (.some, nil): return false
        case let (.some(x), .some(y)):
            if x.codePointStart != y.codePointStart { return x.codePointStart < y.codePointStart }
            if x.codePointEnd != y.codePointEnd { return x.codePointEnd < y.codePointEnd }
        case (nil, nil): break
        }
        for (x, y) in [(a.label, b.label), (a.plugin.name, b.plugin.name), (a.plugin.version, b.plugin.version),
                       (a.plugin.sha256, b.plugin.sha256)] where x != y {
            return x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        if a.score != b.score { return a.score < b.score }
        return aFeatures.utf8.lexicographicallyPrecedes(bFeatures.utf8)
    }
}
