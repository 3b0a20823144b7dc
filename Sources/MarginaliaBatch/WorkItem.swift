import Foundation
import Marginalia

/// What the reader hands the resume stage, and the resume stage the workers. Documents
/// travel as records: the worker that annotates one makes its ``Document`` (hash, language
/// guess, NFD scan), so that this work does not sit on the one reader thread.
enum WorkItem {
    /// Read, not yet decided (reaches a worker only after a stop request: it is dropped).
    case document(DocumentRecord, fileIndex: Int)
    /// Decided by the resume stage: run the plugins (`replacing` another stored text).
    case annotate(DocumentRecord, fileIndex: Int, replacing: Bool)
    /// Decided by the resume stage: every plugin's output is stored.
    case skipped(DocumentRecord, fileIndex: Int)
    case unreadable(DocumentError, fileIndex: Int?)
    case fileFinished(CorpusFile)
    case fileSkipped(CorpusFile, CompletedInput)
}

/// What the workers hand the writer.
enum WorkResult {
    /// `encoded`: the store's rows of the document and its outputs, encoded by the worker
    /// (``AnnotationStore/encodedRows(of:outputs:)``) so that the writer only binds them.
    case annotated(Document, [PluginOutput], [ProcessingError], fileIndex: Int, replacing: Bool, encoded: EncodedRows?)
    case skipped(DocumentRecord, fileIndex: Int)
    case failed(ProcessingError, fileIndex: Int?)
    /// A document with an empty text: counted, not an error.
    case empty(DocumentError, fileIndex: Int?)
    case fileFinished(CorpusFile)
    case fileSkipped(CorpusFile, CompletedInput)
    case fatal(Error)
}

/// A flag set once, read from any thread.
final class AtomicFlag: @unchecked Sendable {
    private var value = false
    private let lock = NSLock()
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// Counts workers down; the last one closes the results queue.
final class WorkerCounter: @unchecked Sendable {
    private var count: Int
    private let lock = NSLock()
    init(count: Int) { self.count = count }
    func decrement() -> Int { lock.withLock { count -= 1; return count } }
}

/// What the reader has seen so far, shared with the writer for progress.
final class ReaderTally: @unchecked Sendable {
    private let lock = NSLock()
    private var records = 0
    private var rawBytes = 0
    private var finished = false

    /// Counts records read, and how far into the input files the reader is.
    func count(_ more: Int = 1, rawBytesRead: Int? = nil) {
        lock.withLock {
            records += more
            if let rawBytesRead { rawBytes = rawBytesRead }
        }
    }
    func finish() { lock.withLock { finished = true } }
    /// Records read so far, raw bytes read, and whether that is all of them.
    var snapshot: (records: Int, rawBytes: Int, complete: Bool) { lock.withLock { (records, rawBytes, finished) } }
}
