/// Turns one JSONL line (`id`, `text`, optional `title`, `date`, `lang`, `url`) into a
/// `Document`. Other string fields are kept as metadata.
///
/// ```swift
/// let doc = try JSONLRecordParser.parse(line: Array(#"{"id":"n1","text":"Tanks."}"#.utf8),
///                                       source: "news.jsonl:1")
/// ```
public enum JSONLRecordParser {
    /// Parses a line; `source` (`file:line`) is used in errors.
    public static func parse(line: [UInt8], source: String) throws(DocumentError) -> Document {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            throw DocumentError(source: source, reason: .malformedRecord("malformed JSON: \(error)"))
        }
        guard let object = value.objectValue else {
            throw DocumentError(source: source, reason: .malformedRecord("expected a JSON object with \"id\" and \"text\""))
        }
        let id: String
        switch object["id"] {
        case .string(let value)?: id = value
        case .integer(let value)?: id = String(value)
        default: throw DocumentError(source: source, reason: .malformedRecord("missing string \"id\""))
        }
        guard !id.isEmpty else { throw DocumentError(source: source, reason: .malformedRecord("empty \"id\"")) }
        guard let text = object["text"]?.stringValue else {
            throw DocumentError(source: source, documentID: id, reason: .malformedRecord("document \(id): missing string \"text\""))
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw DocumentError(source: source, documentID: id, reason: .empty)
        }
        var metadata = DocumentMetadata(source: source)
        for (key, member) in object where key != "id" && key != "text" {
            guard let string = member.stringValue else { continue }
            switch key {
            case "title": metadata.title = string
            case "date": metadata.date = string
            case "lang": metadata.language = string
            case "url": metadata.url = string
            default: metadata.extra[key] = string
            }
        }
        return Document(id: id, text: text, metadata: metadata)
    }
}
