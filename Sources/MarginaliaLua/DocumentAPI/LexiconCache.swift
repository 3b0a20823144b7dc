import Foundation
import Marginalia

/// Compiled lexicons shared by every host (and thread) in the process: workers that load
/// the same plugin compile its term lists once.
///
/// ```swift
/// let lexicon = try LexiconCache.shared.lexicon(for: ["tank", "missile"])
/// ```
final class LexiconCache: @unchecked Sendable {
    static let shared = LexiconCache()
    private var cache: [[String]: Lexicon] = [:]
    private var groups: [[ObjectIdentifier]: LexiconGroup] = [:]
    private let lock = NSLock()

    func group(for lexicons: [Lexicon]) throws -> LexiconGroup {
        let key = lexicons.map(ObjectIdentifier.init)
        if let cached = lock.withLock({ groups[key] }) { return cached }
        let group = try LexiconGroup(lexicons)
        lock.withLock { groups[key] = group }
        return group
    }

    func lexicon(for terms: [String]) throws -> Lexicon {
        if let cached = lock.withLock({ cache[terms] }) { return cached }
        let lexicon = try Lexicon(terms: terms)
        lock.withLock { cache[terms] = lexicon }
        return lexicon
    }
}
