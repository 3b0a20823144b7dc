extension LexiconGroup {
    /// What compiling `members` into one group costs, known before the build: the plan of
    /// their distinct folded keys (see ``LexiconPlan/peakBytes`` and ``LexiconPlan/retainedBytes``).
    ///
    /// ```swift
    /// let plan = LexiconGroup.plan(combining: [english, french])
    /// guard plan.peakBytes < budget else { return }   // scan each lexicon on its own
    /// let group = try LexiconGroup([english, french])
    /// ```
    public static func plan(combining members: [Lexicon]) -> LexiconPlan {
        var seen: Set<[UInt8]> = []
        var keys: [[UInt8]] = []
        for lexicon in members {
            for key in lexicon.keys where seen.insert(key).inserted { keys.append(key) }
        }
        return LexiconPlan(foldedKeys: keys)
    }
}

extension LexiconPlan {
    /// The plan of keys already folded (by `Lexicon.key(for:)`); they stand for the terms.
    init(foldedKeys keys: [[UInt8]]) {
        var seenBytes = [Bool](repeating: false, count: 256)
        for key in keys { for byte in key { seenBytes[Int(byte)] = true } }
        self.terms = keys.map { String(decoding: $0, as: UTF8.self) }
        self.keys = keys
        self.classes = seenBytes.filter { $0 }.count + 1
        self.states = Self.distinctPrefixes(of: keys)
    }
}
