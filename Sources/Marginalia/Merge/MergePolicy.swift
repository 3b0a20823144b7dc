/// How `marginalia merge` combines the document-label scores of several plugins into one.
///
/// Each label is decided among its *voters*: the input plugins that produce that label
/// somewhere in the store. A voter silent on a document counts as score 0.
///
/// - `max`: the highest score.
/// - `mean`: the average score.
/// - `vote`: yes votes are scores ≥ threshold; the label is kept on a strict majority,
///   scored yes-votes ÷ voters.
/// - `weighted`: Σ wᵢ·sᵢ ÷ Σ wᵢ (weights by plugin name, 1 when not given).
/// - `noisyOr`: 1 − Π(1 − sᵢ), as if each plugin were an independent detector.
///
/// ```swift
/// let policy = try MergePolicy(name: "vote", threshold: 0.5, weights: [:])
/// policy.combine([0.9, 0.2, 0.7], weights: [1, 1, 1])   // 0.666…, kept
/// policy.spec                                           // "vote(threshold=0.5)"
/// ```
public enum MergePolicy: Sendable, Hashable {
    case max, mean, vote(threshold: Double), weighted([String: Double]), noisyOr

    /// The policy names the CLI accepts.
    public static let names = ["max", "mean", "vote", "weighted", "noisy-or"]

    /// Builds a policy from its CLI name; throws naming the accepted names.
    public init(name: String, threshold: Double = 0.5, weights: [String: Double] = [:]) throws {
        switch name {
        case "max": self = .max
        case "mean": self = .mean
        case "vote": self = .vote(threshold: threshold)
        case "weighted": self = .weighted(weights)
        case "noisy-or": self = .noisyOr
        default:
            throw MergeError("unknown merge policy '\(name)'; use one of \(Self.names.joined(separator: ", "))")
        }
    }

    /// Parses `--weights defense=2,un_votes=0.5`.
    public static func parseWeights(_ text: String) throws -> [String: Double] {
        var weights: [String: Double] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
            guard parts.count == 2, !parts[0].isEmpty, let weight = Double(parts[1]), weight >= 0, weight.isFinite else {
                throw MergeError("bad weight '\(item)': write plugin=weight, e.g. defense=2")
            }
            weights[parts[0]] = weight
        }
        return weights
    }

    /// A canonical description, used as the version of the merged layer.
    public var spec: String {
        switch self {
        case .max: return "max"
        case .mean: return "mean"
        case .vote(let threshold): return "vote(threshold=\(JSONValue.format(threshold)))"
        case .weighted(let weights):
            let list = weights.keys.sorted().map { "\($0)=\(JSONValue.format(weights[$0]!))" }
            return "weighted(\(list.joined(separator: ",")))"
        case .noisyOr: return "noisy-or"
        }
    }

    /// The weight of a plugin under this policy (1 except for `weighted`).
    public func weight(of plugin: String) -> Double {
        if case .weighted(let weights) = self { return weights[plugin] ?? 1 }
        return 1
    }

    /// The combined score of one label on one document, or nil when the label is dropped.
    /// `scores` has one entry per voter (0 when silent); `weights` matches it.
    public func combine(_ scores: [Double], weights: [Double]) -> Double? {
        guard !scores.isEmpty else { return nil }
        let result: Double
        switch self {
        case .max: result = scores.max()!
        case .mean: result = scores.reduce(0, +) / Double(scores.count)
        case .vote(let threshold):
            let yes = scores.filter { $0 >= threshold }.count
            guard yes * 2 > scores.count else { return nil }
            result = Double(yes) / Double(scores.count)
        case .weighted:
            let total = weights.reduce(0, +)
            guard total > 0 else { return nil }
            result = zip(scores, weights).map { $0 * $1 }.reduce(0, +) / total
        case .noisyOr: result = 1 - scores.reduce(1) { $0 * (1 - $1) }
        }
        return result > 0 ? result : nil
    }
}
