/// A half-open range of UTF-8 byte offsets (0-based) into a text.
///
/// ```swift
/// let text = "Hello world"
/// let span = TextSpan(byteStart: 6, byteEnd: 11)
/// String(decoding: Array(text.utf8)[span.byteStart..<span.byteEnd], as: UTF8.self) // "world"
/// ```
public struct TextSpan: Sendable, Equatable, Hashable {
    /// Offset of the first byte.
    public var byteStart: Int
    /// Offset one past the last byte.
    public var byteEnd: Int

    /// Creates a span covering `byteStart..<byteEnd`.
    ///
    /// ```swift
    /// let span = TextSpan(byteStart: 0, byteEnd: 5)
    /// ```
    public init(byteStart: Int, byteEnd: Int) {
        self.byteStart = byteStart
        self.byteEnd = byteEnd
    }
}
