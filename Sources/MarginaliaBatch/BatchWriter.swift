import Foundation
import Marginalia

/// The writer stage: gathers results into a ``StoreBatch`` and commits it as one
/// transaction every `batchSize` documents or `commitInterval` seconds. A file's
/// completion record joins the transaction that commits its last document.
///
/// ```swift
/// var writer = BatchWriter(store: store, runID: run, options: options, setKey: key)
/// try writer.add(document: doc, outputs: outputs, errors: [], fileIndex: 0)
/// try writer.commit()
/// ```
struct BatchWriter {
    let store: any AnnotationStore
    let runID: Int64
    let options: AnnotationPipeline.Options
    private var batch: StoreBatch
    private var documentsInBatch = 0
    private var lastCommit = Date()
    private var files: FileCompletionTracker
    private var abandoned = false
    /// The run's counts so far, recorded with every commit.
    var progress: RunCounts?

    init(store: any AnnotationStore, runID: Int64, options: AnnotationPipeline.Options, setKey: String) {
        self.store = store
        self.runID = runID
        self.options = options
        self.files = FileCompletionTracker(pluginSetSHA256: setKey)
        batch = Self.emptyBatch(documents: options.batchSize)
    }

    /// An empty batch with room for `documents` documents, their outputs (four each, as the
    /// topic taggers make) and their encoded rows, so that gathering a batch does not grow
    /// (and copy, and rehash) its arrays and map again and again.
    private static func emptyBatch(documents: Int) -> StoreBatch {
        var batch = StoreBatch()
        let room = min(documents, 4096)
        batch.documents.reserveCapacity(room)
        batch.outputs.reserveCapacity(room * 4)
        batch.encoded.reserveCapacity(room)
        return batch
    }

    /// Adds an annotated document with its outputs, errors and the rows a worker encoded
    /// for the store (nil: the store encodes them as it writes).
    mutating func add(document: Document, outputs: [PluginOutput], errors: [ProcessingError], encoded: EncodedRows? = nil,
                      fileIndex: Int) throws {
        batch.documents.append(document)
        batch.outputs.append(contentsOf: outputs)
        if let encoded { batch.encoded[document.id] = encoded }
        if !errors.isEmpty { batch.errors.append(contentsOf: errors) }
        try add(fileIndex: fileIndex, pluginFailed: !errors.isEmpty)
    }

    mutating func add(error: ProcessingError, fileIndex: Int?) throws {
        batch.errors.append(error)
        try add(fileIndex: fileIndex, pluginFailed: false)
    }

    /// Counts one record of a file as done (annotated, skipped or unreadable).
    mutating func add(fileIndex: Int?, pluginFailed: Bool) throws {
        if let completed = files.recordProcessed(fileIndex: fileIndex, pluginFailed: pluginFailed) {
            batch.completedInputs.append(completed)
        }
        documentsInBatch += 1
        if documentsInBatch >= options.batchSize || Date().timeIntervalSince(lastCommit) >= options.commitInterval {
            try commit()
        }
    }

    mutating func fileFinished(_ file: CorpusFile) throws {
        if let completed = files.fileFinished(file) { batch.completedInputs.append(completed) }
    }

    /// Writes what was gathered, in one transaction.
    mutating func commit() throws {
        defer { lastCommit = Date() }
        guard !abandoned, !batch.isEmpty else { return }
        var pending = batch
        pending.runProgress = progress
        batch = Self.emptyBatch(documents: options.batchSize)
        documentsInBatch = 0
        try store.write(pending, runID: runID)
    }

    /// Drops what was gathered and writes nothing more (after a store failure).
    mutating func abandon() {
        abandoned = true
        batch = StoreBatch()
    }
}
