import Foundation
import Marginalia

/// Compiled lexicons shared by every host (and thread) in the process: workers that load
/// the same plugin, and a plugin that makes the same lexicon in every `annotate`, compile
/// its term list once. Builds run one at a time, so that the process holds at most one
/// automaton under construction, and each is first offered to `admit` with its planned size.
///
/// ```swift
/// let lexicon = try LexiconCache.shared.lexicon(for: ["tank", "missile"]) { _ in nil }
/// ```
final class LexiconCache: @unchecked Sendable {
    static let shared = LexiconCache()
    private var cache: [[String]: Lexicon] = [:]
    private var groups: [[ObjectIdentifier]: LexiconGroup] = [:]
    private let lock = NSLock()
    private let buildLock = NSLock()

    /// Why `admit` refused a lexicon.
    struct Refusal: Error, CustomStringConvertible { var description: String }

    func group(for lexicons: [Lexicon]) throws -> LexiconGroup {
        let key = lexicons.map(ObjectIdentifier.init)
        if let cached = lock.withLock({ groups[key] }) { return cached }
        let group = try LexiconGroup(lexicons)
        lock.withLock { groups[key] = group }
        return group
    }

    /// The lexicon of `terms`, compiled unless cached; `admit` sees the plan of a lexicon
    /// to compile and returns nil to go on or why not (thrown as a `Refusal`).
    func lexicon(for terms: [String], admit: (LexiconPlan) -> String?) throws -> Lexicon {
        if let cached = lock.withLock({ cache[terms] }) { return cached }
        buildLock.lock()
        defer { buildLock.unlock() }
        if let cached = lock.withLock({ cache[terms] }) { return cached }   // another worker built it meanwhile
        let plan = try LexiconPlan(terms: terms)
        if let refusal = admit(plan) { throw Refusal(description: refusal) }
        let lexicon = Lexicon(plan)
        lock.withLock { cache[terms] = lexicon }
        return lexicon
    }
}
