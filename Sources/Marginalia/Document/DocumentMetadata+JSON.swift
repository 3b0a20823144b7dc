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

extension DocumentMetadata {
    /// Appends the bytes of `JSONValue.object(jsonObject)` (the store's `metadata` column)
    /// to `out`. Without extra fields, the usual case, the keys are the known ones, written
    /// in their sorted order without building the object (into a buffer on the stack,
    /// appended at once); with extra fields, through the object.
    ///
    /// ```swift
    /// var bytes: [UInt8] = []
    /// DocumentMetadata(language: "en", input: "news.jsonl:1").writeJSON(toUTF8: &bytes)
    /// // {"input":"news.jsonl:1","lang":"en"}
    /// ```
    public func writeJSON(toUTF8 out: inout [UInt8]) {
        guard extra.isEmpty else {
            JSONValue.object(jsonObject).write(toUTF8: &out)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512) { stack in
            var sink = JSONByteSink(startingIn: stack)
            defer { sink.release() }
            sink.append(UInt8(ascii: "{"))
            var separator = false
            func member(_ key: StaticString, _ value: String?) {
                guard let value else { return }
                if separator { sink.append(UInt8(ascii: ",")) }
                separator = true
                sink.append(key)
                JSONValue.writeString(value, to: &sink)
            }
            // The keys of `jsonObject`, in `String` order.
            member(#""date":"#, date)
            member(#""input":"#, input)
            member(#""lang":"#, language)
            if isNFD {
                if separator { sink.append(UInt8(ascii: ",")) }
                separator = true
                sink.append(#""nfd":true"#)
            }
            member(#""source":"#, source)
            member(#""title":"#, title)
            member(#""url":"#, url)
            sink.append(UInt8(ascii: "}"))
            sink.appendAll(to: &out)
        }
    }
}
