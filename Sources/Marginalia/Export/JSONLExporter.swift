/// Writes annotations as JSON Lines: one object per annotation, sorted deterministically
/// (document, document labels first, then spans by position, label, plugin).
///
/// Fields: `document`, `label`, `start`, `end` (half-open code-point offsets, absent for
/// document labels), `text` (the covered text), `score`, `plugin`, `plugin_version`,
/// `plugin_sha256`, `features`.
///
/// With `withDocuments`, each document's annotation lines are preceded by one line
/// `{"document", "kind":"document", "metadata", "text"}` carrying the document itself, so
/// that `JSONLImporter` can rebuild the store from the file alone. Annotation lines have
/// no `kind` field and are the same either way.
///
/// ```swift
/// var out = ""
/// try JSONLExporter.export(from: store) { line in out += line }
/// try JSONLExporter.export(from: store, withDocuments: true) { line in out += line }
/// var query = AnnotationQuery(); query.labels = LabelSelector("topic:")
/// try JSONLExporter.export(from: store, query: query) { line in out += line }
/// ```
public enum JSONLExporter {
    /// Streams every line (each ending in `\n`) to `emit`: the whole store, or what
    /// `query` selects (see `AnnotationStore.forEachDocumentAnnotations(matching:_:)` for
    /// which documents come with `withDocuments`).
    public static func export(from store: any AnnotationStore, query: AnnotationQuery? = nil, withDocuments: Bool = false,
                              emit: (String) throws -> Void) throws {
        try store.forEachDocumentAnnotations(selectedBy: query) { document, annotations in
            if withDocuments { try emit(documentLine(for: document) + "\n") }
            let utf8 = Array(document.text.utf8)
            for annotation in annotations {
                try emit(line(for: annotation, utf8: utf8) + "\n")
            }
        }
    }

    /// The line (without the newline) that carries a document's text and metadata.
    public static func documentLine(for document: Document) -> String {
        var out = "{\"document\":"
        JSONValue.writeString(document.id, to: &out)
        out += ",\"kind\":\"document\",\"metadata\":"
        JSONValue.object(document.metadata.jsonObject).write(to: &out)
        out += ",\"text\":"
        JSONValue.writeString(document.text, to: &out)
        out += "}"
        return out
    }

    /// One export line (without the newline) for an annotation of a document whose text
    /// has the given UTF-8 bytes; throws ``InconsistentAnnotation`` when its span does not
    /// lie within them (a damaged store).
    public static func line(for annotation: Annotation, utf8: [UInt8]) throws -> String {
        var out = "{\"document\":"
        JSONValue.writeString(annotation.documentID, to: &out)
        out += ",\"label\":"
        JSONValue.writeString(annotation.label, to: &out)
        if let span = annotation.span, let covered = try annotation.coveredText(in: utf8) {
            out += ",\"start\":\(span.codePointStart),\"end\":\(span.codePointEnd),\"text\":"
            JSONValue.writeString(covered, to: &out)
        }
        out += ",\"score\":"
        JSONValue.number(annotation.score).write(to: &out)
        out += ",\"plugin\":"
        JSONValue.writeString(annotation.plugin.name, to: &out)
        out += ",\"plugin_version\":"
        JSONValue.writeString(annotation.plugin.version, to: &out)
        out += ",\"plugin_sha256\":"
        JSONValue.writeString(annotation.plugin.sha256, to: &out)
        out += ",\"features\":"
        annotation.features.write(to: &out)
        out += "}"
        return out
    }
}
