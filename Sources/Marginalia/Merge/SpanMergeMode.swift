/// What `marginalia merge` does with overlapping spans of one label (identical spans are
/// always merged into one that lists every plugin).
///
/// ```swift
/// let mode = SpanMergeMode(rawValue: "longest")   // keep the longest, drop what it overlaps
/// ```
public enum SpanMergeMode: String, Sendable, Hashable, CaseIterable {
    /// Overlapping spans (transitively) become one span covering them all.
    case join
    /// The longest span is kept and every span overlapping a kept one is dropped.
    case longest
}
