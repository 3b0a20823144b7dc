/// The byte and code-point lengths of a text, against which every span of an output is
/// checked before it is written (the writer keeps them with each document's key:
/// ``StoredKey``).
///
/// ```swift
/// let length = TextLengths.count(document.text)
/// try TextLengths.check(output.annotations, against: length)   // throws InconsistentAnnotation
/// ```
enum TextLengths {
    typealias Length = (bytes: Int, codePoints: Int)

    /// The lengths of a document's text, counted here (a worker counts them ahead: ``EncodedRows``).
    static func count(_ text: String) -> Length {
        (text.utf8.count, TextUTF8.scalarCount(text))
    }

    /// Throws ``InconsistentAnnotation`` for the first span of an output's `annotations`
    /// outside a text of `length`.
    static func check(_ annotations: [Annotation], against length: Length) throws {
        // Each annotation checked where it is (a copy retains and releases its strings).
        try annotations.withUnsafeBufferPointer { annotations in
            guard annotations.contains(where: { $0.span != nil }) else { return }
            for index in annotations.indices {
                if let problem = InconsistentAnnotation.check(annotations[index], textBytes: length.bytes, textCodePoints: length.codePoints) {
                    throw problem
                }
            }
        }
    }
}
