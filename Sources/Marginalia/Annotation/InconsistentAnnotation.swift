/// An annotation whose span does not fit its document's text: refused when it is written,
/// and an error (never a trap) when a store that holds one anyway is exported.
///
/// ```swift
/// if let problem = InconsistentAnnotation.check(annotation, textBytes: 155, textCodePoints: 150) {
///     print(problem)   // document n1: annotation 'place' of places 1.0 at bytes 160..170 …
/// }
/// ```
public struct InconsistentAnnotation: Error, Sendable, CustomStringConvertible {
    public var documentID: String
    public var label: String
    public var plugin: PluginIdentity
    public var span: Span
    public var textBytes: Int
    /// The text's code points, when they were counted.
    public var textCodePoints: Int?

    public var description: String {
        "document \(documentID): annotation '\(label)' of \(plugin.name) \(plugin.version) at bytes "
            + "\(span.byteStart)..<\(span.byteEnd) (code points \(span.codePointStart)..<\(span.codePointEnd)) does not fit "
            + "its text of \(textBytes) bytes" + (textCodePoints.map { " and \($0) code points" } ?? "")
    }

    /// The problem with `annotation`'s span on a text of these lengths, or nil when it fits:
    /// offsets in order and within the text, and no more code points than bytes.
    public static func check(_ annotation: Annotation, textBytes: Int, textCodePoints: Int) -> InconsistentAnnotation? {
        guard let span = annotation.span else { return nil }
        let fits = 0 <= span.byteStart && span.byteStart <= span.byteEnd && span.byteEnd <= textBytes
            && 0 <= span.codePointStart && span.codePointStart <= span.codePointEnd && span.codePointEnd <= textCodePoints
            && span.codePointStart <= span.byteStart && span.codePointEnd - span.codePointStart <= span.byteEnd - span.byteStart
        if fits { return nil }
        return InconsistentAnnotation(documentID: annotation.documentID, label: annotation.label, plugin: annotation.plugin,
                                      span: span, textBytes: textBytes, textCodePoints: textCodePoints)
    }
}

extension Annotation {
    /// The text the span covers in a document of these UTF-8 bytes, or nil for a document
    /// label; throws ``InconsistentAnnotation`` (instead of trapping) when the span does not
    /// lie within them.
    ///
    /// ```swift
    /// let covered = try annotation.coveredText(in: Array(document.text.utf8))   // "tanks"
    /// ```
    public func coveredText(in utf8: [UInt8]) throws(InconsistentAnnotation) -> String? {
        guard let span else { return nil }
        guard 0 <= span.byteStart, span.byteStart <= span.byteEnd, span.byteEnd <= utf8.count else {
            throw InconsistentAnnotation(documentID: documentID, label: label, plugin: plugin, span: span,
                                         textBytes: utf8.count, textCodePoints: nil)
        }
        return String(decoding: utf8[span.byteStart..<span.byteEnd], as: UTF8.self)
    }
}
