/// Made-up articles for tests that need many documents (never real corpus text).
///
/// ```swift
/// directory.write("in/news.jsonl", SyntheticCorpus.jsonl(count: 20))
/// ```
public enum SyntheticCorpus {
    private static let sentences = [
        "The army bought new tanks and air defense missiles for the border brigades.",
        "Farmers fear the drought will ruin the maize harvest and feed the fall armyworm.",
        "The UN Security Council voted on the resolution; three members abstained.",
        "Le ministère de la Défense a signé un accord avec les forces armées.",
        "Local officials opened a new bridge over the river on Tuesday.",
        "Les agriculteurs craignent une mauvaise récolte de riz cette année.",
    ]

    /// The text of article `index`: a few sentences picked by the index, with its number.
    public static func text(_ index: Int) -> String {
        var parts = ["Report \(index)."]
        for offset in 0..<(3 + index % 4) { parts.append(sentences[(index * 7 + offset * 5) % sentences.count]) }
        return parts.joined(separator: " ")
    }

    /// `count` JSONL lines with ids `n<from>`, `n<from+1>`, ….
    public static func jsonl(count: Int, from first: Int = 0) -> String {
        (first..<first + count).map { index in
            #"{"id":"n\#(index)","text":"\#(text(index))"}"# + "\n"
        }.joined()
    }
}
