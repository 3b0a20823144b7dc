/// Why a document could not be read. Always names the file (and line or byte offset).
///
/// ```swift
/// let error = DocumentError(source: "corpus/a.txt", reason: .invalidUTF8(byteOffset: 17))
/// print(error)   // corpus/a.txt: invalid UTF-8 at byte offset 17
/// ```
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        case unreadable(String)
        case empty
        case invalidUTF8(byteOffset: Int)
        case malformedRecord(String)
        /// A second document with an id already read in this run (the first is kept).
        case duplicateID(firstSource: String)
        /// A file named on the command line whose type Marginalia does not read.
        case unsupportedType(hint: String)
        /// A document the store cannot hold (`AnnotationStore.refusal(id:text:metadata:)`).
        case refusedByStore(String)
    }

    /// `path` or `path:line`.
    public var source: String
    /// The document id, when it was known before the failure.
    public var documentID: String?
    public var reason: Reason

    public init(source: String, documentID: String? = nil, reason: Reason) {
        self.source = source
        self.documentID = documentID
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .unreadable(let why): return "\(source): cannot read file: \(why)"
        case .empty: return "\(source): the document is empty"
        case .invalidUTF8(let offset): return "\(source): invalid UTF-8 at byte offset \(offset)"
        case .malformedRecord(let why): return "\(source): \(why)"
        case .duplicateID(let first):
            return "\(source): document id '\(documentID ?? "")' was already read from \(first) in this run; this one is left out and the first kept (give each document its own id)"
        case .unsupportedType(let hint): return "\(source): not a corpus file: \(hint)"
        case .refusedByStore(let why): return "\(source): document '\(documentID ?? "")' cannot be stored: \(why)"
        }
    }
}
