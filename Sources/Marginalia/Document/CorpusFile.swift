/// One input file of a corpus as the reader finished (or skipped) it.
///
/// ```swift
/// if case .fileFinished(let file) = event, file.isRecordFile {
///     print(file.path, file.documents, file.failures, file.contentSHA256 ?? "-")
/// }
/// ```
public struct CorpusFile: Sendable, Hashable {
    /// The path as found (`-` for standard input).
    public var path: String
    /// Position in reading order, from 0.
    public var index: Int
    /// True for line-record files (JSONL, plain or gzipped); false for a `.txt` article.
    public var isRecordFile: Bool
    /// SHA-256 of the file's bytes on disk, when they were hashed (never for standard input).
    public var contentSHA256: String?
    /// Documents read from it.
    public var documents: Int
    /// Records that could not be read.
    public var failures: Int
    /// Documents left out because their text is empty (not failures).
    public var empty = 0
    /// Bytes taken from the file (compressed size for `.gz`).
    public var bytes: Int

    public init(path: String, index: Int, isRecordFile: Bool, contentSHA256: String? = nil, documents: Int = 0, failures: Int = 0, bytes: Int = 0) {
        self.path = path
        self.index = index
        self.isRecordFile = isRecordFile
        self.contentSHA256 = contentSHA256
        self.documents = documents
        self.failures = failures
        self.bytes = bytes
    }
}
