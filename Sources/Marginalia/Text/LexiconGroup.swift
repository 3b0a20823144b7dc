/// Several lexicons matched in one pass: their terms compiled into one automaton, whose
/// candidates are then shared out. For every member the result is exactly what its own
/// ``Lexicon/matches(inUTF8:)`` returns (same offsets, same term indices), at the cost of
/// about one scan instead of one per lexicon.
///
/// Plugins keep separate lexicons (one per language or concept) and call `find_all` on
/// each; the plugin host scans a document once for all of them.
///
/// ```swift
/// let group = try LexiconGroup([english, french])
/// let found = Array(text.utf8).withUnsafeBufferPointer { group.matches(inUTF8: $0) }
/// found[1]   // == french.matches(inUTF8: …)
/// ```
public final class LexiconGroup: Sendable {
    /// The member lexicons, in the order results are returned.
    public let members: [Lexicon]
    private let combined: Lexicon
    /// For every combined term: the members having it, and its index in each.
    private let owners: [[(member: Int, term: Int)]]

    /// Compiles the members' terms into one matcher.
    public init(_ members: [Lexicon]) throws(LexiconError) {
        var index: [[UInt8]: Int] = [:]
        var keys: [[UInt8]] = []
        var owners: [[(member: Int, term: Int)]] = []
        for (member, lexicon) in members.enumerated() {
            var seen: Set<[UInt8]> = []
            for (term, key) in lexicon.keys.enumerated() where seen.insert(key).inserted {
                // Within a member the first of equal keys wins, as in the member itself.
                if let existing = index[key] {
                    owners[existing].append((member, term))
                } else {
                    index[key] = keys.count
                    keys.append(key)
                    owners.append([(member, term)])
                }
            }
        }
        self.members = members
        self.owners = owners
        self.combined = try Lexicon(foldedKeys: keys)
        _ = combined.automaton   // compiled now, with the group, rather than on its first document
    }

    /// Every member's matches (leftmost-longest, non-overlapping, sorted), by member.
    public func matches(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [[LexiconMatch]] {
        var perMember = [[LexiconMatch]](repeating: [], count: members.count)
        for candidate in combined.scanCandidates(bytes) {
            for (member, term) in owners[candidate.termIndex] {
                perMember[member].append(LexiconMatch(byteStart: candidate.byteStart, byteEnd: candidate.byteEnd, termIndex: term))
            }
        }
        return perMember.enumerated().map { member, candidates in members[member].resolveLeftmostLongest(candidates) }
    }
}
