/// Chooses labels by exact name, or by prefix when a pattern ends in `.` or `:`.
///
/// ```swift
/// let selector = LabelSelector("topic:,defense.term")
/// selector.matches("topic:defense")   // true
/// selector.matches("un.vote")         // false
/// LabelSelector.all.matches("x")      // true
/// ```
public struct LabelSelector: Sendable, Hashable {
    /// The patterns; empty means every label.
    public var patterns: [String]

    /// Every label.
    public static let all = LabelSelector(patterns: [])

    public init(patterns: [String]) { self.patterns = patterns }

    /// Parses a comma-separated list (nil or empty: every label).
    public init(_ list: String?) {
        patterns = (list ?? "").split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// True when `label` is selected.
    public func matches(_ label: String) -> Bool {
        patterns.isEmpty || patterns.contains { Self.pattern($0, matches: label) }
    }

    /// True when `pattern` selects `label`.
    public static func pattern(_ pattern: String, matches label: String) -> Bool {
        isPrefix(pattern) ? label.hasPrefix(pattern) : label == pattern
    }

    /// True when the pattern selects a family of labels (`topic:`, `defense.`).
    public static func isPrefix(_ pattern: String) -> Bool { pattern.hasSuffix(".") || pattern.hasSuffix(":") }
}
