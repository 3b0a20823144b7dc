/// A stable colour per label for the HTML report: the hue comes from a hash of the label
/// (FNV-1a), so a label keeps its colour across reports and machines.
///
/// ```swift
/// LabelColor.background("defense.term")   // "hsl(212 80% 82%)"
/// ```
public enum LabelColor {
    /// The hue, 0..<360.
    public static func hue(_ label: String) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in label.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash % 360)
    }

    /// A light fill for highlights.
    public static func background(_ label: String) -> String { "hsl(\(hue(label)) 80% 82%)" }

    /// A stronger tone for bars and borders.
    public static func strong(_ label: String) -> String { "hsl(\(hue(label)) 65% 45%)" }
}
