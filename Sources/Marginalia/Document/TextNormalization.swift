import Foundation

/// Facts about a text's Unicode normalisation.
///
/// ```swift
/// TextNormalization.containsDecomposedSequences("Vie\u{0323}\u{0302}t")  // true
/// TextNormalization.containsDecomposedSequences("Việt")                  // false
/// ```
public enum TextNormalization {
    /// True when the text has a base character followed by a combining mark that NFC
    /// would compose, i.e. it is (partly) in NFD.
    public static func containsDecomposedSequences(_ text: String) -> Bool {
        // Combining marks start at U+0300, whose UTF-8 lead byte is 0xCC: text without
        // such bytes (all ASCII, Latin-1 and most accented Latin) has none.
        var copy = text
        guard copy.withUTF8({ bytes in bytes.contains { $0 >= 0xCC } }) else { return false }
        let hasCombining = text.unicodeScalars.contains { $0.value >= 0x300 && $0.properties.generalCategory == .nonspacingMark }
        guard hasCombining else { return false }
        return text.precomposedStringWithCanonicalMapping.unicodeScalars.count != text.unicodeScalars.count
    }
}
