/// Cohen's kappa for two raters making yes/no decisions on the same items:
/// κ = (pₒ − pₑ) ÷ (1 − pₑ), with pₒ the observed agreement and pₑ the agreement
/// expected by chance from each rater's yes-rate.
///
/// ```swift
/// let k = CohenKappa(bothYes: 20, onlyFirst: 5, onlySecond: 10, bothNo: 15)
/// k.value   // 0.4
/// ```
public struct CohenKappa: Sendable, Hashable {
    public var bothYes: Int
    public var onlyFirst: Int
    public var onlySecond: Int
    public var bothNo: Int

    public init(bothYes: Int, onlyFirst: Int, onlySecond: Int, bothNo: Int) {
        self.bothYes = bothYes
        self.onlyFirst = onlyFirst
        self.onlySecond = onlySecond
        self.bothNo = bothNo
    }

    public var items: Int { bothYes + onlyFirst + onlySecond + bothNo }

    /// Kappa, or nil when it is undefined (no items, or chance agreement is 1).
    public var value: Double? {
        let n = Double(items)
        guard n > 0 else { return nil }
        let observed = Double(bothYes + bothNo) / n
        let first = Double(bothYes + onlyFirst) / n, second = Double(bothYes + onlySecond) / n
        let expected = first * second + (1 - first) * (1 - second)
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }
}
