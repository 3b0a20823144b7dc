import Foundation

/// One article: a stable id, its text exactly as read, metadata and a content hash.
///
/// Offsets into `text` always count UTF-8 bytes or Unicode scalars, never `Character`s:
/// Swift equates NFC and NFD strings, but their offsets differ.
///
/// ```swift
/// let doc = Document(id: "a1", text: "Hanoi voted in favour.")
/// print(doc.metadata.language)   // "en"
/// print(doc.textSHA256.prefix(8))
/// ```
public struct Document: Sendable, Hashable {
    /// Stable identifier: the file stem for `.txt`, the `id` field for JSONL.
    public var id: String
    /// The text exactly as it was read; title and date are read from it, not cut out of it.
    public var text: String
    /// Title, date, language and other facts about the text.
    public var metadata: DocumentMetadata
    /// Lower-case hex SHA-256 of the UTF-8 text.
    public var textSHA256: String

    /// Creates a document, computing its hash and filling in the language and NFD flag
    /// when `metadata` does not already say.
    public init(id: String, text: String, metadata: DocumentMetadata = DocumentMetadata()) {
        self.init(DocumentRecord(id: id, text: text, metadata: metadata))
    }

    /// A document read back from a store: its hash and metadata (language and NFD flag
    /// included) are taken as stored, nothing is recomputed.
    ///
    /// ```swift
    /// let back = Document(id: row.id, text: row.text, metadata: row.metadata, storedTextSHA256: row.textSHA256)
    /// ```
    public init(id: String, text: String, metadata: DocumentMetadata, storedTextSHA256: String) {
        self.id = id
        self.text = text
        self.metadata = metadata
        self.textSHA256 = storedTextSHA256
    }
}
