/// Documents from a CSV file whose first record names the columns: the id and text
/// columns (see ``RecordFields``) make the document; `title`, `date`, `lang` (or
/// `language`) and `url` fill its metadata, and every other non-empty column is kept as
/// metadata under its name. A bad record is a failure naming `file:line`; the next
/// records are read.
///
/// ```swift
/// let reader = CSVDocumentReader(records: CSVRecordReader(lines: try LineReader(path: "a.csv")),
///                                fields: RecordFields(id: "doc", text: "body"))
/// while let result = try reader.next() { print(try result.get().id) }
/// ```
public final class CSVDocumentReader {
    private let records: CSVRecordReader
    private let fields: RecordFields
    private var header: [String]?
    private var idColumn = 0
    private var textColumn = 0

    public init(records: CSVRecordReader, fields: RecordFields = .standard) {
        self.records = records
        self.fields = fields
    }

    /// Bytes taken from the underlying file so far.
    public var rawBytesRead: Int { records.rawBytesRead }

    /// The next document or failure of one record; nil at the end. Throws when the file
    /// cannot be read on (unreadable, a quote never closed, a header without the id or
    /// text column): the records after that point are not read.
    public func next() throws(DocumentError) -> Result<Document, DocumentError>? {
        try nextRecord()?.map { Document($0) }
    }

    /// The same, up to the record: no hash, language guess or NFD scan yet.
    ///
    /// ```swift
    /// while let result = try reader.nextRecord() { print(try result.get().id) }
    /// ```
    public func nextRecord() throws(DocumentError) -> Result<DocumentRecord, DocumentError>? {
        if header == nil { try readHeader() }
        guard let header, let (line, values) = try records.next() else { return nil }
        let source = "\(records.name):\(line)"
        guard values.count == header.count else {
            return .failure(DocumentError(source: source, reason: .malformedRecord(
                "\(values.count) field\(values.count == 1 ? "" : "s") where the header has \(header.count) columns")))
        }
        let id = values[idColumn]
        guard !id.isEmpty else {
            return .failure(DocumentError(source: source, reason: .malformedRecord("empty \"\(fields.id)\" column")))
        }
        let text = values[textColumn]
        guard text.contains(where: { !$0.isWhitespace }) else {
            return .failure(DocumentError(source: source, documentID: id, reason: .empty))
        }
        var metadata = DocumentMetadata(input: source)
        for (column, value) in zip(header, values).enumerated()
        where column != idColumn && column != textColumn && !value.1.isEmpty {
            switch value.0 {
            case "title": metadata.title = value.1
            case "date": metadata.date = value.1
            case "lang", "language": metadata.language = value.1
            case "url": metadata.url = value.1
            case "source": metadata.source = value.1
            default: metadata.extra[value.0] = value.1
            }
        }
        return .success(DocumentRecord(id: id, text: text, metadata: metadata))
    }

    private func readHeader() throws(DocumentError) {
        guard let (line, names) = try records.next() else {
            header = []
            return
        }
        func column(_ name: String, option: String) throws(DocumentError) -> Int {
            guard let index = names.firstIndex(of: name) else {
                throw DocumentError(source: "\(records.name):\(line)", reason: .malformedRecord(
                    "the header has no column \"\(name)\" (its columns: \(names.joined(separator: ", "))); name it with \(option)"))
            }
            return index
        }
        idColumn = try column(fields.id, option: "--id-column")
        textColumn = try column(fields.text, option: "--text-column")
        header = names
    }
}
