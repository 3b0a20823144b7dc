/// A document as read from its corpus file, before the work that makes it a ``Document``:
/// the SHA-256 of its text, the language guess (unless its metadata names a language) and
/// the NFD scan. The batch engine's one reader thread hands records on, so that this work
/// runs in the workers, side by side, rather than on the reader; `Document(record)` does it,
/// unless ``prepareDocument()`` did it ahead (the reader does, when there is one worker).
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
    /// The text exactly as it was read. (Changing it drops the hash and preparation made.)
    public var text: String {
        didSet { textSHA256 = nil; isPrepared = false }
    }
    /// The metadata as read (no language guess yet, no NFD flag, unless prepared).
    public var metadata: DocumentMetadata {
        didSet { if isPrepared { isPrepared = false } }
    }
    /// The text's SHA-256 once ``hashText()`` computed it (the resume stage needs it to
    /// decide), else nil.
    public private(set) var textSHA256: String?

    public init(id: String, text: String, metadata: DocumentMetadata = DocumentMetadata()) {
        self.id = id
        self.text = text
        self.metadata = metadata
    }

    /// True once ``prepareDocument()`` did the work of making the record a ``Document``.
    public private(set) var isPrepared = false

    /// The lower-case hex SHA-256 of the text, computed on the first call and kept.
    public mutating func hashText() -> String {
        if let textSHA256 { return textSHA256 }
        let hash = ContentHash.sha256Hex(ofText: text)
        textSHA256 = hash
        return hash
    }

    /// Does ahead, in the record, the work that `Document(record)` would do: the hash, the
    /// language guess (unless the metadata names a language) and the NFD flag. For a thread
    /// with time to spare (the batch reader, when one worker runs every plugin); the
    /// document then only takes them over, and is the same document.
    ///
    /// ```swift
    /// var record = DocumentRecord(id: "a1", text: "La Russie et la France ont voté.")
    /// record.prepareDocument()
    /// print(record.metadata.language ?? "")   // fr
    /// Document(record) == Document(id: "a1", text: record.text)   // true
    /// ```
    public mutating func prepareDocument() {
        guard !isPrepared else { return }
        _ = hashText()
        if metadata.language == nil { metadata.language = LanguageGuesser.guess(text) }
        if TextNormalization.containsDecomposedSequences(text) { metadata.isNFD = true }
        isPrepared = true
    }
}

extension Document {
    /// The document of a record: its hash (the record's, when it has one), and the language
    /// guess and NFD flag when the metadata does not already say — exactly what
    /// ``init(id:text:metadata:)`` makes of the same id, text and metadata.
    public init(_ record: DocumentRecord) {
        if record.isPrepared, let textSHA256 = record.textSHA256 {
            self.init(id: record.id, text: record.text, metadata: record.metadata, storedTextSHA256: textSHA256)
            return
        }
        var metadata = record.metadata
        if metadata.language == nil { metadata.language = LanguageGuesser.guess(record.text) }
        if TextNormalization.containsDecomposedSequences(record.text) { metadata.isNFD = true }
        self.init(id: record.id, text: record.text, metadata: metadata,
                  storedTextSHA256: record.textSHA256 ?? ContentHash.sha256Hex(ofText: record.text))
    }
}
