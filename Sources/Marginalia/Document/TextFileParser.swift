/// Turns the bytes of a `.txt` article into a `Document`.
///
/// The id is the file stem, the title the first non-empty line, and a leading
/// `date YYYY-MM-DD` marker becomes the date (when the marker is alone on its line, the
/// title is the next non-empty line). The text is kept byte for byte, so
/// offsets point into the file.
///
/// ```swift
/// let doc = try TextFileParser.parse(bytes: Array("date 2024-12-25 HÀ NỘI — …".utf8),
///                                    id: "002", source: "seeds/002.txt")
/// doc.metadata.date   // "2024-12-25"
/// ```
public enum TextFileParser {
    /// Parses a whole file. Throws `DocumentError` for empty or non-UTF-8 input.
    public static func parse(bytes: [UInt8], id: String, source: String) throws(DocumentError) -> Document {
        Document(try parseRecord(bytes: bytes, id: id, source: source))
    }

    /// The same, up to the record: no hash, language guess or NFD scan yet.
    ///
    /// ```swift
    /// let record = try TextFileParser.parseRecord(bytes: Array("Tanks.".utf8), id: "001", source: "001.txt")
    /// ```
    public static func parseRecord(bytes: [UInt8], id: String, source: String) throws(DocumentError) -> DocumentRecord {
        if let offset = UTF8Validation.firstInvalidByteOffset(bytes) {
            throw DocumentError(source: source, documentID: id, reason: .invalidUTF8(byteOffset: offset))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw DocumentError(source: source, documentID: id, reason: .empty)
        }
        var metadata = DocumentMetadata(input: source)
        let lines = text.split(whereSeparator: \.isNewline)
            .filter { $0.contains { !$0.isWhitespace } }
            .prefix(2).map { $0.trimmingWhitespace() }
        let (date, rest) = splitDateMarker(lines.first ?? "")
        metadata.date = date
        // A date marker alone on its line: the title is the next non-empty line.
        let title = date != nil && rest.isEmpty ? (lines.count > 1 ? lines[1] : "") : rest
        metadata.title = title.isEmpty ? nil : title
        return DocumentRecord(id: id, text: text, metadata: metadata)
    }

    /// Splits `date YYYY-MM-DD rest` into the date and the rest of the line.
    static func splitDateMarker(_ line: String) -> (date: String?, rest: String) {
        let scalars = Array(line.unicodeScalars)
        let prefix = Array("date ".unicodeScalars)
        guard scalars.count >= prefix.count + 10, Array(scalars[0..<prefix.count]) == prefix else {
            return (nil, line)
        }
        let candidate = scalars[prefix.count..<prefix.count + 10]
        let pattern = Array("dddd-dd-dd".unicodeScalars)
        for (scalar, kind) in zip(candidate, pattern) {
            let isDigit = scalar.value >= 0x30 && scalar.value <= 0x39
            if (kind == "d") != isDigit || (kind == "-" && scalar != "-") { return (nil, line) }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: candidate)
        var restView = String.UnicodeScalarView()
        restView.append(contentsOf: scalars[(prefix.count + 10)...])
        return (String(view), String(restView).trimmingWhitespace())
    }
}

extension StringProtocol {
    /// The string without leading and trailing white space.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }
}
