/// Turns one JSONL line (`id`, `text`, optional `title`, `date`, `lang`, `url`, `source`)
/// into a `Document`. Other string fields are kept as metadata, all as given; where the
/// line was read (`file:line`) goes in ``DocumentMetadata/input``.
///
/// ```swift
/// let doc = try JSONLRecordParser.parse(line: Array(#"{"id":"n1","text":"Tanks."}"#.utf8),
///                                       source: "news.jsonl:1")
/// ```
public enum JSONLRecordParser {
    /// Parses a line; `source` (`file:line`) is used in errors; `fields` names the id and
    /// text fields (`id` and `text` unless given).
    public static func parse(line: [UInt8], source: String, fields: RecordFields = .standard) throws(DocumentError) -> Document {
        Document(try parseRecord(line: line, source: source, fields: fields))
    }

    /// The same, up to the record: no hash, language guess or NFD scan yet (the batch
    /// engine's workers make the ``Document``).
    ///
    /// ```swift
    /// let record = try JSONLRecordParser.parseRecord(line: Array(#"{"id":"n1","text":"Tanks."}"#.utf8),
    ///                                                source: "news.jsonl:1")
    /// ```
    public static func parseRecord(line: [UInt8], source: String, fields: RecordFields = .standard) throws(DocumentError) -> DocumentRecord {
        try line.withUnsafeBufferPointer { (line) throws(DocumentError) -> DocumentRecord in
            try parseRecord(line: line, source: source, fields: fields)
        }
    }

    /// The same over a line's bytes where they are (``LineReader/nextBorrowed()``).
    ///
    /// ```swift
    /// while let line = try reader.nextBorrowed() {
    ///     let record = try JSONLRecordParser.parseRecord(line: line.bytes, source: "news.jsonl:\(line.number)")
    /// }
    /// ```
    public static func parseRecord(line: UnsafeBufferPointer<UInt8>, source: String, fields: RecordFields = .standard) throws(DocumentError) -> DocumentRecord {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            throw DocumentError(source: source, reason: .malformedRecord("malformed JSON: \(error)"))
        }
        guard let object = value.objectValue else {
            throw DocumentError(source: source, reason: .malformedRecord("expected a JSON object with \"\(fields.id)\" and \"\(fields.text)\""))
        }
        let id: String
        switch object[fields.id] {
        case .string(let value)?: id = value
        case .integer(let value)?: id = String(value)
        default: throw DocumentError(source: source, reason: .malformedRecord("missing string \"\(fields.id)\"" + Self.fieldHint(object, fields)))
        }
        guard !id.isEmpty else { throw DocumentError(source: source, reason: .malformedRecord("empty \"\(fields.id)\"")) }
        guard let text = object[fields.text]?.stringValue else {
            throw DocumentError(source: source, documentID: id, reason: .malformedRecord(
                "document \(id): missing string \"\(fields.text)\"" + Self.fieldHint(object, fields)))
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw DocumentError(source: source, documentID: id, reason: .empty)
        }
        var metadata = DocumentMetadata(input: source)
        for (key, member) in object where key != fields.id && key != fields.text {
            guard let string = member.stringValue else { continue }
            switch key {
            case "title": metadata.title = string
            case "date": metadata.date = string
            case "lang": metadata.language = string
            case "url": metadata.url = string
            case "source": metadata.source = string
            default: metadata.extra[key] = string
            }
        }
        return DocumentRecord(id: id, text: text, metadata: metadata)
    }

    /// ` (its fields: a, b; choose with --id-field/--text-field)` when the record does
    /// not use the standard names, so that a dump with `content` is understood at once.
    static func fieldHint(_ object: [String: JSONValue], _ fields: RecordFields) -> String {
        guard object[fields.id] == nil || object[fields.text] == nil else { return "" }
        return " (its fields: \(object.keys.sorted().joined(separator: ", ")); choose with --id-field and --text-field)"
    }
}
