/// Writes annotations as CSV (RFC 4180, `\n` line ends), one row per annotation in export
/// order, under the header
/// `document,label,start,end,text,score,plugin,plugin_version,plugin_sha256,features,date,language,source,input,title`
/// followed by one `feature.NAME` column per feature name the exported annotations use
/// (sorted). `start`/`end` are code points and empty for document labels; `features` is the
/// whole JSON object; a `feature.NAME` cell is the value itself for a string and JSON
/// otherwise, empty when the annotation has no such feature. `date`, `language`, `source`
/// (as the record gives it), `input` (the file and line it was read from) and `title` come
/// from the document's metadata.
///
/// ```swift
/// var out = ""
/// try CSVExporter.export(from: store) { out += $0 }
/// var query = AnnotationQuery(); query.plugin = "places"
/// try CSVExporter.export(from: store, query: query) { out += $0 }
/// ```
public enum CSVExporter {
    /// The columns every export has, before the `feature.NAME` columns.
    public static let fixedColumns = ["document", "label", "start", "end", "text", "score", "plugin", "plugin_version",
                                      "plugin_sha256", "features", "date", "language", "source", "input", "title"]

    /// The header line (with its newline) for these feature names.
    public static func header(featureKeys: [String]) -> String {
        (fixedColumns + featureKeys.map { "feature." + $0 }).map(Self.field).joined(separator: ",") + "\n"
    }

    /// Streams the header and every row (each ending in `\n`) to `emit`: the whole store,
    /// or what `query` selects.
    public static func export(from store: any AnnotationStore, query: AnnotationQuery? = nil, emit: (String) throws -> Void) throws {
        let featureKeys = try store.featureKeys(matching: query ?? AnnotationQuery())
        try emit(header(featureKeys: featureKeys))
        try store.forEachDocumentAnnotations(selectedBy: query) { document, annotations in
            let utf8 = Array(document.text.utf8)
            for annotation in annotations { try emit(try row(for: annotation, of: document, utf8: utf8, featureKeys: featureKeys)) }
        }
    }

    /// One row, with its newline; `utf8` is the document text's bytes. Throws
    /// ``InconsistentAnnotation`` for a span outside them (a damaged store).
    public static func row(for annotation: Annotation, of document: Document, utf8: [UInt8], featureKeys: [String]) throws -> String {
        var fields = [annotation.documentID, annotation.label]
        if let span = annotation.span {
            fields += [String(span.codePointStart), String(span.codePointEnd), try annotation.coveredText(in: utf8) ?? ""]
        } else {
            fields += ["", "", ""]
        }
        fields += [JSONValue.number(annotation.score).serialized(), annotation.plugin.name, annotation.plugin.version,
                   annotation.plugin.sha256, annotation.features.serialized()]
        let meta = document.metadata
        fields += [meta.date ?? "", meta.language ?? "", meta.source ?? "", meta.input ?? "", meta.title ?? ""]
        let features = annotation.features.objectValue ?? [:]
        for key in featureKeys {
            switch features[key] {
            case nil: fields.append("")
            case .string(let value)?: fields.append(value)
            case let value?: fields.append(value.serialized())
            }
        }
        return fields.map(Self.field).joined(separator: ",") + "\n"
    }

    /// One CSV field (RFC 4180), quoted when it holds a comma, quote or line break.
    ///
    /// ```swift
    /// CSVExporter.field("a, b")   // "\"a, b\""
    /// ```
    public static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        var quoted = "\""
        for character in value { quoted += character == "\"" ? "\"\"" : String(character) }
        return quoted + "\""
    }
}
