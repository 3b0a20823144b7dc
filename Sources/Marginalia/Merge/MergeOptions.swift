/// Everything that defines a merged layer. Its `spec` is the layer's version, so two
/// merges with the same options replace each other and different options sit side by side.
///
/// ```swift
/// let options = MergeOptions(policy: .max, spans: .join, labels: LabelSelector("topic:"))
/// options.spec   // "max spans=join labels=topic:"
/// ```
public struct MergeOptions: Sendable, Hashable {
    public var policy: MergePolicy
    public var spans: SpanMergeMode
    public var labels: LabelSelector
    /// Use every stored version of each plugin as a voter, not only the latest.
    public var allVersions: Bool

    public init(policy: MergePolicy, spans: SpanMergeMode = .join, labels: LabelSelector = .all, allVersions: Bool = false) {
        self.policy = policy
        self.spans = spans
        self.labels = labels
        self.allVersions = allVersions
    }

    /// A canonical description of the options.
    public var spec: String {
        var parts = [policy.spec, "spans=\(spans.rawValue)"]
        if !labels.patterns.isEmpty { parts.append("labels=" + labels.patterns.sorted().joined(separator: ",")) }
        if allVersions { parts.append("versions=all") }
        return parts.joined(separator: " ")
    }
}
