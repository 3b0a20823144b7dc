/// A lexicon's terms folded, with what compiling them will cost in memory — known before
/// the automaton is built, so that a caller with a budget can refuse a lexicon that does
/// not fit instead of finding out from the operating system.
///
/// The automaton is a dense table of `states × (byte classes + 1)` transitions (the last
/// column is the scan's escape for non-ASCII bytes): its states are the distinct prefixes of
/// the folded terms (counted exactly, from the sorted keys), its classes the distinct bytes
/// in them.
///
/// ```swift
/// let plan = try LexiconPlan(terms: ["air defense", "defense"])
/// plan.states          // 19: the root and 18 distinct prefixes
/// plan.retainedBytes   // what the finished Lexicon holds
/// let lexicon = Lexicon(plan)
/// ```
public struct LexiconPlan: Sendable {
    /// The terms, exactly as given.
    public let terms: [String]
    /// The folded key of every term, in term order.
    let keys: [[UInt8]]
    /// States of the automaton (distinct prefixes of the keys, the empty one included).
    public let states: Int
    /// Byte classes (distinct bytes in the keys, plus one for all other bytes).
    public let classes: Int

    /// Folds `terms`; throws as ``Lexicon/init(terms:)`` does.
    public init(terms: [String]) throws(LexiconError) {
        guard !terms.isEmpty else { throw .noTerms }
        var keys: [[UInt8]] = []
        keys.reserveCapacity(terms.count)
        var seenBytes = [Bool](repeating: false, count: 256)
        for (index, term) in terms.enumerated() {
            let key = Lexicon.key(for: term)
            guard !key.isEmpty else { throw .emptyTerm(index: index, term: term) }
            for byte in key { seenBytes[Int(byte)] = true }
            keys.append(key)
        }
        self.terms = terms
        self.keys = keys
        self.classes = seenBytes.filter { $0 }.count + 1
        self.states = Self.distinctPrefixes(of: keys)
    }

    /// Bytes the finished lexicon holds: its transition table, per-state and per-term data.
    public var retainedBytes: Int {
        let table = states * (classes + 1) * 4 + 4096
        let perState = states * 12
        let perTerm = zip(terms, keys).reduce(0) { $0 + 64 + $1.0.utf8.count + $1.1.count }
        return table + perState + perTerm
    }

    /// Bytes at the height of the build: the trie, the full automaton and the renumbered
    /// table side by side, with the breadth-first bookkeeping.
    public var peakBytes: Int {
        retainedBytes + 2 * states * classes * 4 + states * 44
    }

    /// The empty prefix plus every distinct non-empty prefix: in sorted order, each key adds
    /// the bytes after the prefix it shares with the key before it.
    static func distinctPrefixes(of keys: [[UInt8]]) -> Int {
        let sorted = keys.sorted { $0.lexicographicallyPrecedes($1) }
        var count = 1
        var previous: [UInt8] = []
        for key in sorted {
            var shared = 0
            let limit = min(key.count, previous.count)
            while shared < limit && key[shared] == previous[shared] { shared += 1 }
            count += key.count - shared
            previous = key
        }
        return count
    }
}

extension Lexicon {
    /// Compiles a planned lexicon (the same matcher as ``init(terms:)`` with the plan's terms).
    ///
    /// ```swift
    /// let plan = try LexiconPlan(terms: terms)
    /// guard plan.peakBytes < budget else { throw TooBig() }
    /// let lexicon = Lexicon(plan)
    /// ```
    public convenience init(_ plan: LexiconPlan) {
        self.init(terms: plan.terms, keys: plan.keys)
    }
}
