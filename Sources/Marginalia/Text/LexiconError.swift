/// Why a ``Lexicon`` could not be built.
///
/// ```swift
/// do { _ = try Lexicon(terms: []) }
/// catch { print(error) }  // "Lexicon needs at least one term."
/// ```
public enum LexiconError: Error, Equatable, CustomStringConvertible {
    /// The term list was empty.
    case noTerms
    /// The term at `index` is empty after folding and whitespace trimming.
    case emptyTerm(index: Int, term: String)

    /// A human-readable explanation.
    ///
    /// ```swift
    /// LexiconError.emptyTerm(index: 3, term: " ").description
    /// // "Lexicon term #3 (\" \") is empty after folding and trimming whitespace."
    /// ```
    public var description: String {
        switch self {
        case .noTerms:
            return "Lexicon needs at least one term."
        case let .emptyTerm(index, term):
            return "Lexicon term #\(index) (\(String(reflecting: term))) is empty after folding and trimming whitespace."
        }
    }
}
