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
        if let members = JSONParser.objectMembers(line), let record = record(of: members, source: source, fields: fields) {
            return record
        }
        return try parseRecordThroughObject(line: line, source: source, fields: fields)
    }

    /// The same through the line's JSON value, a dictionary: what ``parseRecord(line:source:fields:)``
    /// falls back on for a line that is not a good document, to say what is wrong.
    static func parseRecordThroughObject(line: UnsafeBufferPointer<UInt8>, source: String, fields: RecordFields) throws(DocumentError) -> DocumentRecord {
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
            metadata.set(field: key, to: string)
        }
        return DocumentRecord(id: id, text: text, metadata: metadata)
    }

    /// The record of a well-formed object's members (``JSONParser/objectMembers(_:)``) when
    /// it is a good document: every key once, a non-empty id, a text not all white space.
    /// Nil otherwise: the path above, through a dictionary, reads the line again and says
    /// what is wrong (or, for a repeated key, keeps its last value as a JSON object does).
    static func record(of members: [(key: String, value: JSONValue)], source: String, fields: RecordFields) -> DocumentRecord? {
        var id: String?
        var text: String?
        for (index, member) in members.enumerated() {
            for earlier in members[..<index] where earlier.key == member.key { return nil }
            if member.key == fields.id {
                switch member.value {
                case .string(let value): id = value
                case .integer(let value): id = String(value)
                default: return nil
                }
            } else if member.key == fields.text {
                text = member.value.stringValue
            }
        }
        guard let id, !id.isEmpty, let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
        var metadata = DocumentMetadata(input: source)
        for (key, member) in members where key != fields.id && key != fields.text {
            guard let string = member.stringValue else { continue }
            metadata.set(field: key, to: string)
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

extension DocumentMetadata {
    /// Sets the metadata a record's string field holds: `title`, `date`, `lang`, `url` and
    /// `source` have their own properties, any other field goes in ``extra``.
    mutating func set(field key: String, to string: String) {
        switch key {
        case "title": title = string
        case "date": date = string
        case "lang": language = string
        case "url": url = string
        case "source": source = string
        default: extra[key] = string
        }
    }
}
