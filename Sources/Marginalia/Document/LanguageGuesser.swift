import Foundation

/// Guesses whether a text is English or French from its commonest function words.
///
/// Works on the UTF-8 bytes: words are runs of letters, compared lower-cased against two
/// small sets of function words packed into integers, so a guess costs a few nanoseconds
/// per byte and allocates nothing for ASCII words.
///
/// ```swift
/// LanguageGuesser.guess("La Russie était un partenaire important de la France.")  // "fr"
/// LanguageGuesser.guess("12 34")                                                   // "und"
/// ```
public enum LanguageGuesser {
    private static let english = PackedWordSet([
        "the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "as", "by",
        "it", "from", "his", "has", "have", "are", "this", "were", "be", "at", "an",
    ].map { pack(Array($0.utf8))! })
    private static let french = PackedWordSet([
        "le", "la", "les", "des", "et", "est", "du", "une", "dans", "pour", "que", "qui", "au",
        "sur", "avec", "aux", "ce", "il", "elle", "ont", "été", "sont", "par", "pas", "plus",
    ].map { pack(Array($0.utf8))! })

    /// Characters read at most.
    static let sampleLimit = 20_000

    /// Returns `en`, `fr`, or `und` when fewer than three function words were seen.
    /// Reads at most the first 20,000 characters.
    public static func guess(_ text: String) -> String {
        var text = text
        return text.withUTF8 { guess(utf8: $0) }
    }

    /// The same guess over UTF-8 bytes.
    ///
    /// ```swift
    /// Array("the cat and the hat".utf8).withUnsafeBufferPointer { LanguageGuesser.guess(utf8: $0) }  // "en"
    /// ```
    public static func guess(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Read the sets once: a static is behind a lazy-initialisation check at every use.
        let english = Self.english
        let french = Self.french
        var englishHits = 0
        var frenchHits = 0
        // The word being read: its start, its lower-cased ASCII bytes packed into `key`
        // (while it is short and ASCII), and whether it holds other scalars.
        var wordStart = -1
        var key: UInt64 = 0
        var length = 0
        var ascii = true
        var characters = 0
        var index = 0
        let count = bytes.count
        func finishWord(at end: Int) {
            if length <= 7 {
                let packed = ascii ? key | UInt64(length) << 56 : lowercasedKey(bytes, wordStart, end)
                if let packed {
                    if english.contains(packed) { englishHits &+= 1 }
                    if french.contains(packed) { frenchHits &+= 1 }
                }
            }
            wordStart = -1
        }
        while index < count && characters < sampleLimit {
            let byte = bytes[index]
            characters &+= 1
            if byte < 0x80 {
                let lower = byte | 0x20
                if lower >= 0x61 && lower <= 0x7A {
                    if wordStart < 0 { wordStart = index; key = 0; length = 0; ascii = true }
                    key = key << 8 | UInt64(lower)
                    length &+= 1
                } else if wordStart >= 0 {
                    finishWord(at: index)
                }
                index &+= 1
                continue
            }
            let (scalar, scalarLength) = TextUTF8.decode(bytes.baseAddress!, at: index, count: count)
            // Letters, and the combining marks of decomposed (NFD) letters.
            let isLetter = Unicode.Scalar(scalar).map { $0.properties.isAlphabetic || $0.properties.generalCategory == .nonspacingMark } ?? false
            if isLetter {
                if wordStart < 0 { wordStart = index; key = 0; length = 0 }
                ascii = false
                length &+= scalarLength
            } else if wordStart >= 0 {
                finishWord(at: index)
            }
            index &+= scalarLength
        }
        if wordStart >= 0 { finishWord(at: index) }
        if max(englishHits, frenchHits) < 3 { return "und" }
        return frenchHits > englishHits ? "fr" : "en"
    }

    /// A word with other than ASCII letters, lower-cased, composed (NFC) and packed, or nil.
    private static func lowercasedKey(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64? {
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            .precomposedStringWithCanonicalMapping.lowercased()
        return pack(Array(word.utf8))
    }

    /// Packs up to 7 bytes into an integer with their count in the top byte.
    private static func pack(_ bytes: [UInt8]) -> UInt64? {
        guard bytes.count <= 7 else { return nil }
        var key: UInt64 = 0
        for byte in bytes { key = key << 8 | UInt64(byte) }
        return key | UInt64(bytes.count) << 56
    }
}
