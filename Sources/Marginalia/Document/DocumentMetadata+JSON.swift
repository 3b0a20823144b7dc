extension DocumentMetadata {
    /// The inverse of `jsonObject`: known keys become fields, other string fields `extra`.
    ///
    /// ```swift
    /// let meta = DocumentMetadata(jsonObject: ["title": "Quang and Rivlin", "lang": "en"])
    /// meta.language   // "en"
    /// ```
    public init(jsonObject object: [String: JSONValue]) {
        self.init(
            title: object["title"]?.stringValue, date: object["date"]?.stringValue, language: object["lang"]?.stringValue,
            url: object["url"]?.stringValue, source: object["source"]?.stringValue,
            isNFD: object["nfd"] == .bool(true), input: object["input"]?.stringValue)
        let known: Set<String> = ["title", "date", "lang", "url", "source", "nfd", "input"]
        for (key, value) in object where !known.contains(key) {
            if let string = value.stringValue { extra[key] = string }
        }
    }
}
