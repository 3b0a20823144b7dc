import Foundation

/// Writes brat standoff files that brat and INCEpTION open: per document `<id>.txt` (the
/// text, byte for byte) and `<id>.ann` with one `T` line per span (code-point offsets),
/// plus `annotation.conf` declaring the entity types.
///
/// brat type names allow only letters, digits, `_` and `-`, so `defense.term` is written
/// as type `defense_term`, with an `AnnotatorNotes` line `label: defense.term | plugin: …
/// | score: …` that `marginalia import` reads back. Document labels have no place in the
/// brat model and are not written.
///
/// ```swift
/// try BratExporter.export(from: store, to: "brat/")
/// var query = AnnotationQuery(); query.plugin = "places"
/// try BratExporter.export(from: store, query: query, to: "brat-places/")
/// ```
public enum BratExporter {
    /// Writes into `directory` (created if needed) the whole store, or what `query`
    /// selects; returns the number of documents.
    @discardableResult
    public static func export(from store: any AnnotationStore, query: AnnotationQuery? = nil, to directory: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var types: Set<String> = []
        var documents = 0
        try store.forEachDocumentAnnotations(selectedBy: query) { document, annotations in
            let spans = annotations.filter { $0.span != nil }
            let (ann, used) = try annotationFile(for: document, spans: spans)
            types.formUnion(used)
            try write(document.text, to: (directory as NSString).appendingPathComponent(document.id + ".txt"))
            try write(ann, to: (directory as NSString).appendingPathComponent(document.id + ".ann"))
            documents += 1
        }
        let conf = "[entities]\n" + types.sorted().map { $0 + "\n" }.joined() + "\n[relations]\n\n[events]\n\n[attributes]\n"
        try write(conf, to: (directory as NSString).appendingPathComponent("annotation.conf"))
        return documents
    }

    /// The `.ann` text for a document's spans, and the brat types it uses.
    /// Throws ``InconsistentAnnotation`` for a span outside the text (a damaged store).
    public static func annotationFile(for document: Document, spans: [Annotation]) throws -> (String, Set<String>) {
        let utf8 = Array(document.text.utf8)
        var out = ""
        var types: Set<String> = []
        for (index, annotation) in spans.enumerated() {
            let span = annotation.span!
            let type = bratType(annotation.label)
            types.insert(type)
            let text = try annotation.coveredText(in: utf8) ?? ""
            let flat = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
            out += "T\(index + 1)\t\(type) \(span.codePointStart) \(span.codePointEnd)\t\(flat)\n"
            out += "#\(index + 1)\tAnnotatorNotes T\(index + 1)\tlabel: \(annotation.label) | plugin: \(annotation.plugin.name) \(annotation.plugin.version) \(annotation.plugin.sha256.prefix(12)) | score: \(JSONValue.format(annotation.score))\n"
        }
        return (out, types)
    }

    /// A label spelled as a brat type: other characters become `_`.
    public static func bratType(_ label: String) -> String {
        String(String.UnicodeScalarView(label.unicodeScalars.map {
            ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") && $0.isASCII ? $0 : "_"
        }))
    }

    private static func write(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw InputError(file: path, message: "cannot write the file")
        }
    }
}
