/// The checks `marginalia check` makes on every backend's rows, so that both stores name a
/// fault in the same words: a document's text against its stored lengths and hash, a span
/// against its text, and how a problem with an annotation is introduced.
///
/// ```swift
/// let report = StoreCheckCollector(limit: 100)
/// let index = StoreInvariants.checkText(of: "a", bytes: Array("Tanks.".utf8), byteLength: "6",
///                                       codePointLength: "6", sha256: hash, problem: report.add)
/// StoreInvariants.checkSpan([0, 5, 0, 5], of: "document a: annotation 1 'term' of tanks 1.0",
///                           in: index, problem: report.add)
/// ```
public enum StoreInvariants {
    /// Checks that `bytes` are valid UTF-8 and that the stored byte length, code-point
    /// length and SHA-256 (as the store printed them, nil for NULL) match them; returns the
    /// text's index for its spans.
    public static func checkText(of id: String, bytes: [UInt8], byteLength: String?, codePointLength: String?, sha256: String?,
                                 problem: (String) -> Void) -> CodePointIndex {
        let index = CodePointIndex(utf8: bytes)
        if let offset = UTF8Validation.firstInvalidByteOffset(bytes) {
            problem("document \(id): its text is not valid UTF-8 (byte \(offset)); code points are not its bytes decoded")
        }
        if (byteLength ?? "NULL") != String(bytes.count) {
            problem("document \(id): byte_length is \(byteLength ?? "NULL"), its text has \(bytes.count) bytes")
        }
        if (codePointLength ?? "NULL") != String(index.codePointCount) {
            problem("document \(id): code_point_length is \(codePointLength ?? "NULL"), its text has \(index.codePointCount) code points")
        }
        if sha256 != ContentHash.sha256Hex(bytes) {
            problem("document \(id): text_sha256 does not match its text")
        }
        return index
    }

    /// How a problem with an annotation begins: `document ID: annotation ROW 'LABEL' of PLUGIN VERSION`.
    public static func annotation(_ row: String?, label: String?, plugin: String?, version: String?, of document: String) -> String {
        "document \(document): annotation \(row ?? "?") '\(label ?? "")' of \(plugin ?? "") \(version ?? "")"
    }

    /// Checks a span's offsets (byte start, byte end, code-point start, code-point end; all
    /// nil for a document label) against its text; `what` introduces the problem.
    public static func checkSpan(_ offsets: [Int?], of what: String, in index: CodePointIndex, problem: (String) -> Void) {
        if offsets.allSatisfy({ $0 == nil }) { return }   // a document label
        guard offsets.count == 4, let byteStart = offsets[0], let byteEnd = offsets[1], let cpStart = offsets[2], let cpEnd = offsets[3] else {
            problem("\(what): some offsets are NULL, not all"); return
        }
        let length = index.byteCount
        guard 0 <= byteStart, byteStart <= byteEnd, byteEnd <= length else {
            problem("\(what): bytes \(byteStart)..<\(byteEnd) are outside the text (\(length) bytes)"); return
        }
        guard index.isBoundary(byte: byteStart), index.isBoundary(byte: byteEnd) else {
            problem("\(what): bytes \(byteStart)..<\(byteEnd) cut a UTF-8 sequence"); return
        }
        let expected = (index.codePointOffset(ofByte: byteStart), index.codePointOffset(ofByte: byteEnd))
        if (cpStart, cpEnd) != expected {
            problem("\(what): code points \(cpStart)..<\(cpEnd) but bytes \(byteStart)..<\(byteEnd) decode to code points \(expected.0)..<\(expected.1)")
        }
    }
}

/// Collects `marginalia check`'s problems up to a limit, counting the rest.
public final class StoreCheckCollector {
    public let limit: Int
    public var report = StoreCheckReport()

    public init(limit: Int) { self.limit = limit }

    public func add(_ problem: String) {
        if report.problems.count < limit { report.problems.append(problem) } else { report.moreProblems += 1 }
    }
}

/// A store `marginalia check` can check: the backend's own checks first, then the
/// invariants of `StoreInvariants` over every document and annotation, then the links
/// between rows (annotations without a document, plugin or output row).
///
/// ```swift
/// guard let store = store as? any CheckableStore else { return }
/// let report = store.check(limit: 100)
/// ```
public protocol CheckableStore: AnnotationStore {
    /// Checks the whole store (reading every row once); describes at most `limit` problems.
    func check(limit: Int) -> StoreCheckReport
}
