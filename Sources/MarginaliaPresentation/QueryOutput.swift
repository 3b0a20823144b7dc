import Marginalia

/// Renders `marginalia query` results: annotations as a table, a JSON array (objects with
/// the JSONL export fields) or CSV (the `CSVExporter` columns); counts as a table.
///
/// ```swift
/// let found = try store.annotations(matching: query)
/// print(try QueryOutput.table(found, store: store).text())
/// print(try QueryOutput.json(found, store: store))
/// ```
public enum QueryOutput {
    /// document, label, start, end, score, plugin, version, text.
    public static func table(_ annotations: [Annotation], store: any AnnotationStore) throws -> ReportTable {
        var texts = TextCache(store: store)
        let rows = try annotations.map { annotation -> [String] in
            var covered = ""
            if annotation.span != nil {
                covered = try annotation.coveredText(in: try texts.utf8(annotation.documentID)) ?? ""
                covered = String(String.UnicodeScalarView(covered.unicodeScalars.map { $0 == "\n" ? " " : $0 }))
            }
            return [annotation.documentID, annotation.label, annotation.span.map { String($0.codePointStart) } ?? "",
                    annotation.span.map { String($0.codePointEnd) } ?? "", JSONValue.format(annotation.score),
                    annotation.plugin.name, annotation.plugin.version, covered]
        }
        return ReportTable(title: "\(annotations.count) annotations",
                           columns: ["document", "label", "start", "end", "score", "plugin", "version", "text"], rows: rows)
    }

    /// A JSON array, one JSONL-export object per annotation, one per line.
    public static func json(_ annotations: [Annotation], store: any AnnotationStore) throws -> String {
        var texts = TextCache(store: store)
        let lines = try annotations.map { try JSONLExporter.line(for: $0, utf8: try texts.utf8($0.documentID)) }
        return "[" + lines.joined(separator: ",\n") + "]\n"
    }

    /// CSV with the `CSVExporter` columns (a `feature.NAME` column per feature name found).
    public static func csv(_ annotations: [Annotation], store: any AnnotationStore) throws -> String {
        var texts = TextCache(store: store)
        var keys = Set<String>()
        for case let object? in annotations.map(\.features.objectValue) { keys.formUnion(object.keys) }
        let featureKeys = keys.sorted()
        let rows = try annotations.map { annotation in
            let document = try texts.document(annotation.documentID)
            return try CSVExporter.row(for: annotation, of: document, utf8: try texts.utf8(annotation.documentID), featureKeys: featureKeys)
        }
        return CSVExporter.header(featureKeys: featureKeys) + rows.joined()
    }

    /// label, plugin, version, count — then a total row.
    public static func countTable(_ counts: [LabelPluginCount]) -> ReportTable {
        var rows = counts.map { [$0.label, $0.plugin.name, $0.plugin.version, String($0.count)] }
        rows.append(["total", "", "", String(counts.reduce(0) { $0 + $1.count })])
        return ReportTable(title: "annotations by label and plugin", columns: ["label", "plugin", "version", "count"], rows: rows)
    }

    /// Document texts fetched once each.
    private struct TextCache {
        let store: any AnnotationStore
        var texts: [String: [UInt8]] = [:]
        var documents: [String: Document] = [:]

        mutating func document(_ id: String) throws -> Document {
            if let cached = documents[id] { return cached }
            let document = try store.document(id: id) ?? Document(id: id, text: "", metadata: DocumentMetadata())
            documents[id] = document
            return document
        }

        mutating func utf8(_ id: String) throws -> [UInt8] {
            if let cached = texts[id] { return cached }
            let bytes = Array(try document(id).text.utf8)
            texts[id] = bytes
            return bytes
        }
    }
}
