/// Case and accent folding of Unicode text.
///
/// Folding works one scalar at a time:
/// 1. whitespace (space, tab, newline, NBSP, other `White_Space` scalars) → a single space;
/// 2. `’ ‘ ʼ` → `'` and `“ ”` → `"`;
/// 3. otherwise the scalar is lowercased, canonically decomposed, and nonspacing
///    marks (general category Mn) are dropped;
/// 4. letters without a decomposition fold specially: `đ Đ ð Ð → d`, `ø Ø → o`,
///    `ł Ł → l`, `æ Æ → ae`, `œ Œ → oe`, `ß ẞ → ss`, `ı → i`.
///
/// Folding is precomputed for U+0000..U+24FF (Latin, Greek, Cyrillic, Vietnamese,
/// general punctuation, …). **Scalars at or above U+2500 fold to themselves**
/// (no lowercasing, no mark removal) — this keeps the hot paths table-driven.
///
/// ```swift
/// TextFolding.fold("Défense de l’ONU")   // "defense de l'onu"
/// TextFolding.fold("Hà Nội")             // "ha noi"
/// ```
public enum TextFolding {
    /// Scalars below this value are folded by the precomputed table; scalars at or
    /// above it fold to themselves.
    ///
    /// ```swift
    /// TextFolding.tableLimit   // 0x2500
    /// ```
    public static let tableLimit: UInt32 = TextFoldTable.limit

    /// Returns the folded form of `text` (see ``TextFolding`` for the rules).
    ///
    /// ```swift
    /// TextFolding.fold("STRAẞE Œuvre") // "strasse oeuvre"
    /// ```
    public static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            let e = TextFoldTable.entry(for: s.value)
            var packed = TextFoldTable.bytes(e)
            for _ in 0..<TextFoldTable.length(e) {
                out.append(UInt8(truncatingIfNeeded: packed))
                packed >>= 8
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `s` is a *word scalar*: a letter (L*), a decimal digit (Nd) or a
    /// combining mark (M*). Folded punctuation such as `ʼ` is not a word scalar.
    ///
    /// ```swift
    /// TextFolding.isWordScalar("é")       // true
    /// TextFolding.isWordScalar("\u{301}") // true (combining acute)
    /// TextFolding.isWordScalar("’")       // false
    /// ```
    public static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        TextFoldTable.entry(for: s.value) & TextFoldTable.wordBit != 0
    }
}
