/// A compiled phrase matcher that finds whole-word occurrences of terms in
/// UTF-8 text, ignoring case and accents.
///
/// Terms and text are folded with ``TextFolding`` (so `Défense`, `defense` and
/// `DEFENSE` all match the term `defense`; `Hà Nội` in NFC or NFD matches
/// `ha noi`). A match must start and end on word boundaries: the scalar before
/// it and the scalar after it must not be word scalars (see
/// ``TextFolding/isWordScalar(_:)``), so `Vietnam’s` and `US-China` match
/// `vietnam` and `china`, while `Vietnamese` does not match `vietnam`.
///
/// Matching rules:
/// - Results are leftmost-longest, non-overlapping and sorted by `byteStart`
///   (`air defense` wins over `defense`).
/// - Offsets are UTF-8 byte offsets into the original text and always lie on
///   scalar boundaries. A match ending on a base letter that is followed by
///   combining marks (NFD text) extends over those marks.
/// - A match starts at the first scalar whose folded form is non-empty; a
///   stray combining mark before it counts as a word scalar, so it blocks the match.
/// - Terms are folded, trimmed of surrounding whitespace, and internal runs of
///   whitespace collapse to one space. **One space in a term matches exactly one
///   whitespace scalar** in the text (space, tab, newline, NBSP, …), so
///   `air defense` does not match `air  defense` (two spaces) or `air\r\ndefense`.
/// - Scalars at or above U+2500 fold to themselves (see ``TextFolding``).
/// - Malformed UTF-8 never crashes; each bad byte is treated as a non-word
///   "other" byte that no term can contain.
///
/// A `Lexicon` is immutable and can be shared across threads.
///
/// ```swift
/// let lexicon = try Lexicon(terms: ["defense", "air defense", "Hà Nội"])
/// for m in lexicon.matches(in: "Hanoi’s AIR DEFENSE near Ha Noi") {
///     print(m.termIndex, m.byteStart, m.byteEnd)   // 1 10 21, then 2 27 33
/// }
/// ```
public final class Lexicon: Sendable {
    /// The terms, exactly as given to ``init(terms:)``.
    ///
    /// ```swift
    /// try Lexicon(terms: ["UN", "ONU"]).terms   // ["UN", "ONU"]
    /// ```
    public let terms: [String]
    /// The folded key of every term (see ``key(for:)``), in term order.
    let keys: [[UInt8]]

    /// The compiled matcher, built on first use (see ``LexiconCompilation``): a lexicon that a
    /// ``LexiconGroup`` scans for is never compiled on its own.
    var automaton: LexiconAutomaton { compilation.automaton(keys: keys) }
    private let compilation = LexiconCompilation()

    /// Whether the automaton is built yet: a lexicon compiles when it first scans a text
    /// (or when it is asked its ``stateCount``), not when it is made.
    ///
    /// ```swift
    /// let lexicon = try Lexicon(terms: ["tank"])
    /// lexicon.isCompiled             // false
    /// _ = lexicon.matches(in: "A tank.")
    /// lexicon.isCompiled             // true
    /// ```
    public var isCompiled: Bool { compilation.isBuilt }

    /// Compiles `terms` into a matcher. Terms that fold to the same key are
    /// allowed; the first one wins.
    ///
    /// - Throws: ``LexiconError/noTerms`` for an empty list,
    ///   ``LexiconError/emptyTerm(index:term:)`` for a term that is empty after
    ///   folding and whitespace trimming.
    ///
    /// ```swift
    /// let lexicon = try Lexicon(terms: ["défense", "Casques bleus"])
    /// ```
    public convenience init(terms: [String]) throws(LexiconError) {
        guard !terms.isEmpty else { throw .noTerms }
        var keys: [[UInt8]] = []
        keys.reserveCapacity(terms.count)
        for (index, term) in terms.enumerated() {
            let key = Lexicon.key(for: term)
            guard !key.isEmpty else { throw .emptyTerm(index: index, term: term) }
            keys.append(key)
        }
        self.init(terms: terms, keys: keys)
    }

    /// A matcher over keys already folded (by ``key(for:)``); the keys stand for the terms.
    /// Used by ``LexiconGroup`` to combine lexicons without folding their terms again.
    convenience init(foldedKeys keys: [[UInt8]]) throws(LexiconError) {
        guard !keys.isEmpty else { throw .noTerms }
        self.init(terms: keys.map { String(decoding: $0, as: UTF8.self) }, keys: keys)
    }

    init(terms: [String], keys: [[UInt8]]) {
        self.terms = terms
        self.keys = keys
    }

    /// States of the compiled automaton (see ``LexiconPlan/states``).
    ///
    /// ```swift
    /// try Lexicon(terms: ["ab", "ac"]).stateCount   // 4: "", "a", "ab", "ac"
    /// ```
    public var stateCount: Int { automaton.stateTerm.count }

    /// Finds all matches in a UTF-8 buffer (leftmost-longest, non-overlapping,
    /// sorted by `byteStart`). Offsets are relative to `bytes.baseAddress`.
    ///
    /// ```swift
    /// let lexicon = try Lexicon(terms: ["china"])
    /// let found = Array("US-China talks".utf8).withUnsafeBufferPointer {
    ///     lexicon.matches(inUTF8: $0)
    /// }   // [LexiconMatch(byteStart: 3, byteEnd: 8, termIndex: 0)]
    /// ```
    public func matches(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [LexiconMatch] {
        resolveLeftmostLongest(scanCandidates(bytes))
    }

    /// Convenience wrapper over ``matches(inUTF8:)`` for a `String`; offsets
    /// index `text.utf8`.
    ///
    /// ```swift
    /// let lexicon = try Lexicon(terms: ["vietnam"])
    /// lexicon.matches(in: "Vietnam’s economy").count   // 1
    /// lexicon.matches(in: "Vietnamese economy").count  // 0
    /// ```
    public func matches(in text: String) -> [LexiconMatch] {
        var copy = text
        return copy.withUTF8 { matches(inUTF8: $0) }
    }

    /// Folded, trimmed, whitespace-collapsed key bytes for a term.
    static func key(for term: String) -> [UInt8] {
        var key: [UInt8] = []
        for b in TextFolding.fold(term).utf8 {
            if b == 0x20 && (key.isEmpty || key.last == 0x20) { continue }
            key.append(b)
        }
        if key.last == 0x20 { key.removeLast() }
        return key
    }

    /// Keeps the leftmost-longest non-overlapping subset of `candidates`.
    func resolveLeftmostLongest(_ candidates: [LexiconMatch]) -> [LexiconMatch] {
        if candidates.isEmpty { return [] }
        let sorted = candidates.sorted {
            $0.byteStart != $1.byteStart ? $0.byteStart < $1.byteStart : $0.byteEnd > $1.byteEnd
        }
        var result: [LexiconMatch] = []
        var lastEnd = Int.min
        for m in sorted where m.byteStart >= lastEnd {
            result.append(m)
            lastEnd = m.byteEnd
        }
        return result
    }
}
