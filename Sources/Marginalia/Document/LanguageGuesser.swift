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
    private static let english: Set<UInt64> = Set([
        "the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "as", "by",
        "it", "from", "his", "has", "have", "are", "this", "were", "be", "at", "an",
    ].map { pack(Array($0.utf8))! })
    private static let french: Set<UInt64> = Set([
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
        var englishHits = 0
        var frenchHits = 0
        var wordStart = -1
        var characters = 0
        var index = 0
        let count = bytes.count
        func finishWord(at end: Int) {
            guard wordStart >= 0 else { return }
            defer { wordStart = -1 }
            guard end - wordStart <= 7, let key = lowercasedKey(bytes, wordStart, end) else { return }
            if english.contains(key) { englishHits += 1 }
            if french.contains(key) { frenchHits += 1 }
        }
        while index < count && characters < sampleLimit {
            let byte = bytes[index]
            let length: Int
            let isLetter: Bool
            if byte < 0x80 {
                length = 1
                isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            } else {
                let (scalar, scalarLength) = TextUTF8.decode(bytes.baseAddress!, at: index, count: count)
                length = scalarLength
                // Letters, and the combining marks of decomposed (NFD) letters.
                isLetter = Unicode.Scalar(scalar).map { $0.properties.isAlphabetic || $0.properties.generalCategory == .nonspacingMark } ?? false
            }
            if isLetter {
                if wordStart < 0 { wordStart = index }
            } else {
                finishWord(at: index)
            }
            index += length
            characters += 1
        }
        finishWord(at: index)
        if max(englishHits, frenchHits) < 3 { return "und" }
        return frenchHits > englishHits ? "fr" : "en"
    }

    /// The lower-cased word packed into an integer (length in the top byte), or nil.
    private static func lowercasedKey(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64? {
        var ascii = true
        for offset in start..<end where bytes[offset] >= 0x80 { ascii = false; break }
        if ascii {
            var key: UInt64 = 0
            for offset in start..<end { key = key << 8 | UInt64(bytes[offset] | 0x20) }
            return key | UInt64(end - start) << 56
        }
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
