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
    /// For every combined term `t`: the members having it and its index in each are
    /// `owners[ownerStart[t] ..< ownerStart[t + 1]]` (one flat list: no inner array to retain
    /// per candidate).
    private let owners: [(member: Int, term: Int)]
    private let ownerStart: [Int]

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
        var flat: [(member: Int, term: Int)] = []
        var start: [Int] = [0]
        for termOwners in owners {
            flat += termOwners
            start.append(flat.count)
        }
        self.owners = flat
        self.ownerStart = start
        self.combined = try Lexicon(foldedKeys: keys)
        _ = combined.automaton   // compiled now, with the group, rather than on its first document
    }

    /// Every member's matches (leftmost-longest, non-overlapping, sorted), by member.
    public func matches(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [[LexiconMatch]] {
        var perMember = [[LexiconMatch]](repeating: [], count: members.count)
        let candidates = combined.scanCandidates(bytes)
        if candidates.isEmpty { return perMember }
        for candidate in candidates {
            for k in ownerStart[candidate.termIndex] ..< ownerStart[candidate.termIndex + 1] {
                let (member, term) = owners[k]
                // Room for a few at the first: growing 1, 2, 4, 8 cost more than this.
                if perMember[member].capacity == 0 { perMember[member].reserveCapacity(8) }
                perMember[member].append(LexiconMatch(byteStart: candidate.byteStart, byteEnd: candidate.byteEnd, termIndex: term))
            }
        }
        for member in perMember.indices where !perMember[member].isEmpty {
            perMember[member] = members[member].resolveLeftmostLongest(perMember[member])
        }
        return perMember
    }
}
