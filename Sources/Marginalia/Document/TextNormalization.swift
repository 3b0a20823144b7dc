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
        let hasCombining = text.unicodeScalars.contains { $0.value >= 0x300 && $0.properties.generalCategory == .nonspacingMark }
        guard hasCombining else { return false }
        return text.precomposedStringWithCanonicalMapping.unicodeScalars.count != text.unicodeScalars.count
    }
}
