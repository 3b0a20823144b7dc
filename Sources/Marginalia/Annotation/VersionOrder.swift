/// Orders plugin versions the way people read them: numeric parts as numbers
/// (`1.10.0` after `1.9.2`), other parts as text.
///
/// ```swift
/// VersionOrder.isBefore("1.9.2", "1.10.0")          // true
/// VersionOrder.latest(["1.0", "2.0", "1.5"])        // "2.0"
/// ```
public enum VersionOrder {
    /// True when `lhs` is an earlier version than `rhs`.
    public static func isBefore(_ lhs: String, _ rhs: String) -> Bool {
        let left = parts(lhs), right = parts(rhs)
        for (a, b) in zip(left, right) where a != b {
            switch (Int(a), Int(b)) {
            case let (x?, y?): return x < y
            case (_?, nil): return false      // 1.0.0 after 1.0.0-beta
            case (nil, _?): return true
            default: return a < b
            }
        }
        if left.count != right.count { return left.count < right.count }
        return lhs < rhs
    }

    /// The latest of some versions (nil when empty).
    public static func latest(_ versions: some Sequence<String>) -> String? {
        versions.max(by: isBefore)
    }

    private static func parts(_ version: String) -> [Substring] {
        version.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "+" })
    }
}
