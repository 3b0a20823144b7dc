extension BratFile {
    /// The same spans with brat type names turned back into store labels.
    ///
    /// brat spells `defense.term` as the type `defense_term` (see `BratExporter.bratType`).
    /// A span whose label is not a known label, but is the brat spelling of exactly one
    /// known label, takes that label; so an annotator who picks `defense_term` in brat is
    /// scored against the tagger's `defense.term`. Other labels stay as they are.
    ///
    /// ```swift
    /// let ann = try BratFile.parse("T1\tdefense_term 0 5\ttanks\n", file: "a.ann", documentText: "tanks")
    /// ann.resolvingBratTypes(knownLabels: ["defense.term"]).spans[0].label   // "defense.term"
    /// ```
    public func resolvingBratTypes(knownLabels: Set<String>) -> BratFile {
        let spellings = Dictionary(grouping: knownLabels, by: BratExporter.bratType)
        var resolved = self
        for index in resolved.spans.indices where !knownLabels.contains(resolved.spans[index].label) {
            if let candidates = spellings[resolved.spans[index].label], candidates.count == 1 {
                resolved.spans[index].label = candidates[0]
            }
        }
        return resolved
    }
}
