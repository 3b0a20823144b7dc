/// Writes the store as one W3C Web Annotation `AnnotationCollection` (JSON-LD), every
/// annotation on its own line inside `first.items`, in export order.
///
/// - target `source`: `urn:marginalia:document:<id>`; spans add a `TextPositionSelector`
///   (code-point `start`/`end`, as the model requires) and a `TextQuoteSelector` (`exact`,
///   and up to 32 code points of `prefix`/`suffix`).
/// - body: a `TextualBody` whose value is the label; motivation `tagging` for spans and
///   `classifying` for document labels.
/// - creator: `Software` named after the plugin, with `version` and `sha256`; the
///   annotation id is derived from its content, so the same store gives the same bytes.
/// - `score` and `features` are Marginalia terms declared in the `@context`.
///
/// ```swift
/// var out = ""
/// try W3CExporter.export(from: store) { out += $0 }
/// var query = AnnotationQuery(); query.documentID = "tmt-1"
/// try W3CExporter.export(from: store, query: query) { out += $0 }
/// ```
public enum W3CExporter {
    static let context = """
        ["http://www.w3.org/ns/anno.jsonld",{"mg":"urn:marginalia:ns:","score":"mg:score","sha256":"mg:sha256",\
        "version":"schema:softwareVersion","features":{"@id":"mg:features","@type":"@json"}}]
        """

    /// Streams the collection to `emit`: the whole store, or what `query` selects.
    public static func export(from store: any AnnotationStore, query: AnnotationQuery? = nil, emit: (String) throws -> Void) throws {
        try emit("{\"@context\":\(context),\"id\":\"urn:marginalia:collection\",\"type\":\"AnnotationCollection\",\"label\":\"Marginalia annotations\",\"first\":{\"type\":\"AnnotationPage\",\"items\":[\n")
        var total = 0
        try store.forEachDocumentAnnotations(selectedBy: query) { document, annotations in
            let scalars = Array(document.text.unicodeScalars)
            let utf8 = Array(document.text.utf8)
            for annotation in annotations {
                try emit((total == 0 ? "" : ",\n") + item(for: annotation, scalars: scalars, utf8: utf8).serialized())
                total += 1
            }
        }
        try emit("\n]},\"total\":\(total)}\n")
    }

    /// The IRI of a document.
    public static func documentIRI(_ id: String) -> String { "urn:marginalia:document:" + percentEncoded(id) }

    /// One annotation as a JSON-LD object; throws ``InconsistentAnnotation`` for a span
    /// outside the text (a damaged store).
    public static func item(for annotation: Annotation, scalars: [Unicode.Scalar], utf8: [UInt8]) throws -> JSONValue {
        if let problem = InconsistentAnnotation.check(annotation, textBytes: utf8.count, textCodePoints: scalars.count) { throw problem }
        let motivation: JSONValue = annotation.span == nil ? "classifying" : "tagging"
        var target: [String: JSONValue] = ["source": .string(documentIRI(annotation.documentID))]
        if let span = annotation.span {
            func text(_ range: Range<Int>) -> JSONValue {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[range])
                return .string(String(view))
            }
            let start = span.codePointStart, end = span.codePointEnd
            target["selector"] = .array([
                .object(["type": "TextPositionSelector", "start": .integer(Int64(start)), "end": .integer(Int64(end))]),
                .object(["type": "TextQuoteSelector", "exact": text(start..<end),
                         "prefix": text(max(0, start - 32)..<start), "suffix": text(end..<min(scalars.count, end + 32))]),
            ])
        }
        let plugin = annotation.plugin
        let line = try JSONLExporter.line(for: annotation, utf8: utf8)
        return .object([
            "id": .string("urn:marginalia:annotation:" + ContentHash.sha256Hex(Array(line.utf8))),
            "type": "Annotation",
            "motivation": motivation,
            "body": .object(["type": "TextualBody", "value": .string(annotation.label), "purpose": motivation]),
            "target": .object(target),
            "creator": .object([
                "id": .string("urn:marginalia:plugin:" + percentEncoded(plugin.name) + ":" + percentEncoded(plugin.version) + ":" + plugin.sha256),
                "type": "Software", "name": .string(plugin.name), "version": .string(plugin.version), "sha256": .string(plugin.sha256),
            ]),
            "score": .number(annotation.score),
            "features": annotation.features,
        ])
    }

    /// RFC 3986 percent-encoding of everything but unreserved characters.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}
