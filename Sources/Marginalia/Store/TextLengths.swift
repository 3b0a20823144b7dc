import GRDB

/// The byte and code-point lengths of the texts a batch writes annotations on, from the
/// batch's own documents or else from the store, so that every span is checked against
/// its text before it is written.
///
/// ```swift
/// var lengths = TextLengths()
/// lengths.record(document)
/// try lengths.check(output, in: db)   // throws InconsistentAnnotation
/// ```
struct TextLengths {
    typealias Length = (bytes: Int, codePoints: Int)
    private var known: [String: Length] = [:]
    /// The last document looked up: a document's outputs come one after the other.
    private var last: (id: String, length: Length)?

    /// Notes the lengths of a document being written, and returns them.
    @discardableResult
    mutating func record(_ document: Document) -> Length {
        record(document, length: (document.text.utf8.count, TextUTF8.scalarCount(document.text)))
    }

    /// Notes the lengths of a document being written, counted ahead (``EncodedRows``).
    mutating func record(_ document: Document, length: Length) -> Length {
        known[document.id] = length
        last = nil
        return length
    }

    /// Throws ``InconsistentAnnotation`` for the first span of `output` outside its text.
    mutating func check(_ output: PluginOutput, in db: Database) throws {
        guard output.annotations.contains(where: { $0.span != nil }) else { return }
        let lengths = try self.lengths(of: output.documentID, in: db)
        // Each annotation checked where it is (a copy retains and releases its strings).
        try output.annotations.withUnsafeBufferPointer { annotations in
            for index in annotations.indices {
                if let problem = InconsistentAnnotation.check(annotations[index], textBytes: lengths.bytes, textCodePoints: lengths.codePoints) {
                    throw problem
                }
            }
        }
    }

    private mutating func lengths(of documentID: String, in db: Database) throws -> Length {
        if let last, last.id == documentID { return last.length }
        let found = try lookUp(documentID, in: db)
        last = (documentID, found)
        return found
    }

    private mutating func lookUp(_ documentID: String, in db: Database) throws -> Length {
        if let lengths = known[documentID] { return lengths }
        let stored = try DirectStatement(db.cachedStatement(sql: "SELECT byte_length, code_point_length FROM documents WHERE id = ?"),
                                         [documentID]).firstRow(in: db) { (try $0.int(0), try $0.int(1)) }
        // Annotations of a document that is not stored fit nothing.
        let lengths = stored ?? (0, 0)
        known[documentID] = lengths
        return lengths
    }
}
