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
        var copy = text
        guard copy.withUTF8({ hasNonspacingMark($0) }) else { return false }
        return text.precomposedStringWithCanonicalMapping.unicodeScalars.count != text.unicodeScalars.count
    }

    /// True when valid UTF-8 holds a non-spacing mark (general category Mn) at U+0300 or
    /// above. Such a scalar's lead byte is 0xCC or more, and every such byte leads one:
    /// sixteen bytes at a time are tested for one (one vector compare), the block holding
    /// one eight at a time, and only those scalars are decoded.
    ///
    /// ```swift
    /// Array("e\u{301}".utf8).withUnsafeBufferPointer { TextNormalization.hasNonspacingMark($0) }   // true
    /// ```
    static func hasNonspacingMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = 0
        let leadLimit = SIMD16<UInt8>(repeating: 0xCB)
        while index < count {
            if index &+ 16 <= count && !any(raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self) .> leadLimit) {
                index &+= 16
                continue
            }
            if index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // Bit 7 of a lane set when its byte is 0xCC or more: the high bit, and the
                // low seven bits at least 0x4C (adding 0x34 carries into bit 7, not past it).
                let leads = word & ((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x3434_3434_3434_3434) & 0x8080_8080_8080_8080
                if leads == 0 { index &+= 8; continue }
                index &+= leads.trailingZeroBitCount >> 3
            } else if base[index] < 0xCC {
                index &+= 1
                continue
            }
            let (value, length) = TextUTF8.decode(base, at: index, count: count)
            if let scalar = Unicode.Scalar(value), scalar.properties.generalCategory == .nonspacingMark { return true }
            index &+= length
        }
        return false
    }
}
