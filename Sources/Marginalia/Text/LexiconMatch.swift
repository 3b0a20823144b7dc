/// One occurrence of a ``Lexicon`` term in a text.
///
/// Offsets are 0-based, half-open UTF-8 byte offsets into the *original* text
/// (not the folded one); `termIndex` indexes ``Lexicon/terms``.
///
/// ```swift
/// let lexicon = try Lexicon(terms: ["defense"])
/// let m = lexicon.matches(in: "La Défense")[0]
/// // m == LexiconMatch(byteStart: 3, byteEnd: 11, termIndex: 0)
/// ```
public struct LexiconMatch: Sendable, Equatable, Hashable {
    /// Offset of the first byte of the match.
    public var byteStart: Int
    /// Offset one past the last byte of the match.
    public var byteEnd: Int
    /// Index of the matched term in ``Lexicon/terms``.
    public var termIndex: Int

    /// Creates a match.
    ///
    /// ```swift
    /// let m = LexiconMatch(byteStart: 0, byteEnd: 7, termIndex: 2)
    /// ```
    public init(byteStart: Int, byteEnd: Int, termIndex: Int) {
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.termIndex = termIndex
    }
}
