/// A document as read from its corpus file, before the work that makes it a ``Document``:
/// the SHA-256 of its text, the language guess (unless its metadata names a language) and
/// the NFD scan. The batch engine's one reader thread hands records on, so that this work
/// runs in the workers, side by side, rather than on the reader; `Document(record)` does it.
///
/// ```swift
/// var record = DocumentRecord(id: "a1", text: "Hanoi voted in favour.")
/// let hash = record.hashText()            // computed once, kept in the record
/// let document = Document(record)         // reuses that hash; guesses the language
/// print(document.metadata.language ?? "", hash == document.textSHA256)   // en true
/// ```
public struct DocumentRecord: Sendable {
    /// Stable identifier: the file stem for `.txt`, the id field or column otherwise.
    public var id: String
    /// The text exactly as it was read.
    public var text: String
    /// The metadata as read (no language guess yet, no NFD flag).
    public var metadata: DocumentMetadata
    /// The text's SHA-256 once ``hashText()`` computed it (the resume stage needs it to
    /// decide), else nil.
    public private(set) var textSHA256: String?

    public init(id: String, text: String, metadata: DocumentMetadata = DocumentMetadata()) {
        self.id = id
        self.text = text
        self.metadata = metadata
    }

    /// The lower-case hex SHA-256 of the text, computed on the first call and kept.
    public mutating func hashText() -> String {
        if let textSHA256 { return textSHA256 }
        let hash = ContentHash.sha256Hex(ofText: text)
        textSHA256 = hash
        return hash
    }
}

extension Document {
    /// The document of a record: its hash (the record's, when it has one), and the language
    /// guess and NFD flag when the metadata does not already say — exactly what
    /// ``init(id:text:metadata:)`` makes of the same id, text and metadata.
    public init(_ record: DocumentRecord) {
        var metadata = record.metadata
        if metadata.language == nil { metadata.language = LanguageGuesser.guess(record.text) }
        if TextNormalization.containsDecomposedSequences(record.text) { metadata.isNFD = true }
        self.init(id: record.id, text: record.text, metadata: metadata,
                  storedTextSHA256: record.textSHA256 ?? ContentHash.sha256Hex(ofText: record.text))
    }
}
