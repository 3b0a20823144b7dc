/// Which fields (JSONL) or columns (CSV) of a record hold the document id and text:
/// `id` and `text` unless the corpus names them otherwise, e.g. Hugging Face dumps whose
/// text is `content`.
///
/// ```swift
/// let fields = RecordFields(id: "doc_id", text: "content")
/// let stream = CorpusStream(paths: ["dump.jsonl"], fields: fields)
/// ```
public struct RecordFields: Sendable, Hashable, CustomStringConvertible {
    public var id: String
    public var text: String

    public init(id: String = "id", text: String = "text") {
        self.id = id
        self.text = text
    }

    /// `id` and `text`.
    public static let standard = RecordFields()

    /// `id=doc_id text=content`, for run records and keys.
    public var description: String { "id=\(id) text=\(text)" }
}
