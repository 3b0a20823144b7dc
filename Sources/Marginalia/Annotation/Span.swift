/// A half-open range of a document's text, kept both as UTF-8 byte offsets and as
/// Unicode code-point (scalar) offsets.
///
/// ```swift
/// let text = "Hà Nội voted"
/// let span = Span(byteStart: 0, byteEnd: 9, in: CodePointIndex(text))  // "Hà Nội"
/// span.codePointEnd   // 6
/// ```
public struct Span: Sendable, Hashable, Comparable {
    public var byteStart: Int
    public var byteEnd: Int
    public var codePointStart: Int
    public var codePointEnd: Int

    public init(byteStart: Int, byteEnd: Int, codePointStart: Int, codePointEnd: Int) {
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.codePointStart = codePointStart
        self.codePointEnd = codePointEnd
    }

    /// A span from byte offsets, computing code-point offsets with `index`.
    public init(byteStart: Int, byteEnd: Int, in index: CodePointIndex) {
        self.init(
            byteStart: byteStart, byteEnd: byteEnd,
            codePointStart: index.codePointOffset(ofByte: byteStart),
            codePointEnd: index.codePointOffset(ofByte: byteEnd))
    }

    public static func < (lhs: Span, rhs: Span) -> Bool {
        (lhs.byteStart, lhs.byteEnd) < (rhs.byteStart, rhs.byteEnd)
    }
}
