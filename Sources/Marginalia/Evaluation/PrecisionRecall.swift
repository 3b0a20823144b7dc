/// Counts of true positives, false positives and false negatives, and the precision,
/// recall and F1 they give (nil when undefined: 0 ÷ 0).
///
/// ```swift
/// let m = PrecisionRecall(truePositives: 3, falsePositives: 1, falseNegatives: 2)
/// m.precision   // 0.75
/// m.recall      // 0.6
/// m.f1          // 0.666…
/// ```
public struct PrecisionRecall: Sendable, Hashable {
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    public var precision: Double? { Self.ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double? { Self.ratio(truePositives, truePositives + falseNegatives) }

    /// 2·TP ÷ (2·TP + FP + FN).
    public var f1: Double? { Self.ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

    private static func ratio(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }

    /// The mean of the defined values (nil when none is).
    public static func mean(_ values: [Double?]) -> Double? {
        let defined = values.compactMap { $0 }
        return defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count)
    }
}
