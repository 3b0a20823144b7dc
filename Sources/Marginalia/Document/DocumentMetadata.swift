/// What is known about a document besides its text.
///
/// ```swift
/// var meta = DocumentMetadata(title: "Quang and Rivlin", date: "2016-03-22")
/// meta.extra["desk"] = "Reuters"
/// ```
public struct DocumentMetadata: Sendable, Hashable, Codable {
    /// The title: for `.txt` files the first non-empty line.
    public var title: String?
    /// `YYYY-MM-DD`, from a leading `date YYYY-MM-DD` marker or the JSONL `date` field.
    public var date: String?
    /// ISO 639-1 code (`en`, `fr`) or `und` when the guess is unsure.
    public var language: String?
    /// Where the article was published, when known.
    public var url: String?
    /// Where the article came from, as its record says (a JSONL `source` field), kept as given.
    public var source: String?
    /// Where Marginalia read the document: the file, and `:line` for JSONL (`input` in
    /// `doc.meta`, unless the record has an `input` field of its own, which is kept as given).
    public var input: String?
    /// True when the text contains decomposed (NFD) sequences.
    public var isNFD: Bool
    /// Any further string fields of a JSONL record.
    public var extra: [String: String]

    public init(
        title: String? = nil, date: String? = nil, language: String? = nil, url: String? = nil,
        source: String? = nil, isNFD: Bool = false, extra: [String: String] = [:], input: String? = nil
    ) {
        self.title = title
        self.date = date
        self.language = language
        self.url = url
        self.source = source
        self.isNFD = isNFD
        self.extra = extra
        self.input = input
    }

    /// The metadata as one flat JSON object (what plugins see as `doc.meta`).
    public var jsonObject: [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        for (key, value) in extra { object[key] = .string(value) }
        if let title { object["title"] = .string(title) }
        if let date { object["date"] = .string(date) }
        if let language { object["lang"] = .string(language) }
        if let url { object["url"] = .string(url) }
        if let source { object["source"] = .string(source) }
        if isNFD { object["nfd"] = .bool(true) }
        if let input, object["input"] == nil { object["input"] = .string(input) }
        return object
    }
}
