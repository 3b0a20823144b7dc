import Foundation

/// The automaton of one ``Lexicon``, built the first time the lexicon scans. A plugin's
/// lexicons are matched by the host's ``LexiconGroup`` (one automaton for all of them), so
/// compiling each of them as well, when it was made, was start-up work for nothing.
///
/// Builds take one process-wide lock, so that at most one automaton is under construction
/// at any time (what a memory budget checked before the build relies on); reading a built
/// automaton takes only the lexicon's own lock.
///
/// ```swift
/// let compilation = LexiconCompilation()
/// let dfa = compilation.automaton(keys: [Array("tank".utf8)])   // built now, then kept
/// compilation.isBuilt   // true
/// ```
final class LexiconCompilation: @unchecked Sendable {
    private static let buildLock = NSLock()
    private let lock = NSLock()
    private var built: LexiconAutomaton?

    var isBuilt: Bool { lock.withLock { built != nil } }

    /// The automaton of `keys` (the lexicon's folded keys, always the same for one
    /// compilation), built on the first call.
    func automaton(keys: [[UInt8]]) -> LexiconAutomaton {
        if let built = lock.withLock({ built }) { return built }
        return Self.buildLock.withLock {
            if let built = lock.withLock({ built }) { return built }   // another thread built it meanwhile
            let automaton = LexiconAutomaton(keys: keys)
            lock.withLock { built = automaton }
            return automaton
        }
    }
}
