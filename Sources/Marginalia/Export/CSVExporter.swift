/// Writes annotations as CSV (RFC 4180, `\n` line ends), one row per annotation in export
/// order, under the header
/// `document,label,start,end,text,score,plugin,plugin_version,plugin_sha256,features`.
/// `start`/`end` are code points and empty for document labels; `features` is JSON.
///
/// ```swift
/// var out = ""
/// try CSVExporter.export(from: store) { out += $0 }
/// ```
public enum CSVExporter {
    public static let header = "document,label,start,end,text,score,plugin,plugin_version,plugin_sha256,features\n"

    /// Streams the header and every row (each ending in `\n`) to `emit`.
    public static func export(from store: any AnnotationStore, emit: (String) throws -> Void) throws {
        try emit(header)
        try store.forEachDocumentAnnotations { document, annotations in
            let utf8 = Array(document.text.utf8)
            for annotation in annotations { try emit(row(for: annotation, utf8: utf8)) }
        }
    }

    /// One row, with its newline.
    public static func row(for annotation: Annotation, utf8: [UInt8]) -> String {
        var fields = [annotation.documentID, annotation.label]
        if let span = annotation.span {
            fields += [String(span.codePointStart), String(span.codePointEnd),
                       String(decoding: utf8[span.byteStart..<span.byteEnd], as: UTF8.self)]
        } else {
            fields += ["", "", ""]
        }
        fields += [JSONValue.number(annotation.score).serialized(), annotation.plugin.name, annotation.plugin.version,
                   annotation.plugin.sha256, annotation.features.serialized()]
        return fields.map(ReportTable.csvField).joined(separator: ",") + "\n"
    }
}
