/// Guesses whether a text is English or French from its commonest function words.
///
/// ```swift
/// LanguageGuesser.guess("La Russie était un partenaire important de la France.")  // "fr"
/// LanguageGuesser.guess("12 34")                                                   // "und"
/// ```
public enum LanguageGuesser {
    private static let english: Set<Substring> = [
        "the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "as", "by",
        "it", "from", "his", "has", "have", "are", "this", "were", "be", "at", "an",
    ]
    private static let french: Set<Substring> = [
        "le", "la", "les", "des", "et", "est", "du", "une", "dans", "pour", "que", "qui", "au",
        "sur", "avec", "aux", "ce", "il", "elle", "ont", "été", "sont", "par", "pas", "plus",
    ]

    /// Returns `en`, `fr`, or `und` when fewer than three function words were seen.
    /// Reads at most the first 20,000 characters.
    public static func guess(_ text: String) -> String {
        var englishHits = 0
        var frenchHits = 0
        let sample = text.prefix(20_000).lowercased()
        for word in sample.split(whereSeparator: { !$0.isLetter }) {
            if english.contains(word) { englishHits += 1 }
            if french.contains(word) { frenchHits += 1 }
        }
        if max(englishHits, frenchHits) < 3 { return "und" }
        return frenchHits > englishHits ? "fr" : "en"
    }
}
