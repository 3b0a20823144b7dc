/// Where annotations live. One backend today (`SQLiteAnnotationStore`); the protocol keeps
/// SQL dialects inside backends and keys everything by content hashes, so a shared
/// server-side store can follow.
///
/// ```swift
/// let store: any AnnotationStore = try SQLiteAnnotationStore(path: "marginalia.sqlite")
/// let run = try store.beginRun(RunInfo(plugins: plugins, params: [:], inputs: ["seeds"]))
/// try store.write(StoreBatch(documents: [doc], outputs: outputs), runID: run)
/// try store.finishRun(id: run, counts: RunCounts(documents: 1), status: "completed")
/// ```
public protocol AnnotationStore: Sendable {
    /// Records the start of a run and returns its id.
    func beginRun(_ run: RunInfo) throws -> Int64
    /// Records how a run ended (`completed`, `failed`, `interrupted`).
    func finishRun(id: Int64, counts: RunCounts, status: String) throws
    /// Stores where a run's CPU went (`annotate --timings`), read back by ``run(id:)``.
    func recordTimings(_ timings: RunTimings, runID: Int64) throws
    /// Called by a batch before its first write: a backend may drop or defer indexes that
    /// only reading needs (SQLite does when the store holds no annotations yet, or its query
    /// indexes are missing: the first query builds them).
    func beginBulkWrite() throws
    /// Called by a batch after its last write (also when it failed or was interrupted):
    /// whatever the backend runs for the batch stops (SQLite's checkpoint thread).
    func finishBulkWrite() throws
    /// CPU seconds the store spent writing on threads of its own, for the bulk writes
    /// finished so far (SQLite: copying its log back into the file); a batch's timings
    /// show them as the stage `checkpoint`.
    var backgroundCPUSeconds: Double { get }
    /// Writes documents, plugin outputs and errors in one transaction: all or nothing.
    /// An output replaces the previous output of the same plugin version on that document.
    func write(_ batch: StoreBatch, runID: Int64) throws
    /// The stored outputs of a document, for resume decisions.
    func outputKeys(documentID: String) throws -> Set<OutputKey>
    /// True when any document has an output of one of these plugin versions (when none
    /// has, a run need not look documents up to resume).
    func hasOutputs(of plugins: [PluginIdentity]) throws -> Bool
    /// A stored document.
    func document(id: String) throws -> Document?
    /// A document's annotations in export order.
    func annotations(documentID: String) throws -> [Annotation]
    /// Every annotation with its document text, in export order, one document at a time.
    func forEachDocumentAnnotations(_ body: (Document, [Annotation]) throws -> Void) throws
    /// The documents a query keeps, each with its annotations that the query selects, in
    /// export order (`limit` ignored). With a label, plugin, score or text filter, documents
    /// left without annotations are skipped; with document filters only, every kept
    /// document comes, annotated or not. A default is in `AnnotationStore+Selection.swift`.
    func forEachDocumentAnnotations(matching query: AnnotationQuery, _ body: (Document, [Annotation]) throws -> Void) throws
    /// The feature names (keys of the `features` objects) among the annotations a query
    /// selects, sorted (for one CSV column each).
    func featureKeys(matching query: AnnotationQuery) throws -> [String]
    /// Every document with its plugin outputs (provenance and annotations, outputs with no
    /// annotation included), one document at a time in id order: what `import` copies from
    /// one store into another.
    func forEachDocumentOutputs(_ body: (Document, [PluginOutput]) throws -> Void) throws
    /// Errors recorded by a run (the latest run when `runID` is nil).
    func errors(runID: Int64?) throws -> [ProcessingError]
    /// Errors with the run that recorded them: one run's, or every run's when `runID` is nil.
    func recordedErrors(runID: Int64?) throws -> [RecordedError]
    /// A recorded run, or nil.
    func run(id: Int64) throws -> StoredRun?
    /// Every recorded run, oldest first.
    func runs() throws -> [StoredRun]
    /// The id of the latest run, or nil when none was recorded.
    func latestRunID() throws -> Int64?
    /// True when some input file was completed under this plugin set (see ``CompletedInput``).
    func hasCompletedInputs(pluginSetSHA256: String) throws -> Bool
    /// The completion record of a file's content under a plugin set, or nil.
    func completedInput(contentSHA256: String, pluginSetSHA256: String) throws -> CompletedInput?
    /// The plugin set recorded under a selection key, or nil. The batch engine records,
    /// under the SHA-256 of how plugins were selected (those found on the search path,
    /// `--only`, parameter overrides, the engine), the JSON of the set that loading gave with
    /// every file the loading read and its SHA-256, so that a resumed run whose input files
    /// are all complete knows its plugins without running a script (`RecordedPluginSet` in
    /// MarginaliaBatch says what the JSON holds; a store keeps the text). SQLite keeps them in
    /// `plugin_set_records`; a backend without the table (PostgreSQL) records nothing.
    ///
    /// ```swift
    /// try store.recordPluginSet(json, selectionSHA256: key)
    /// try store.recordedPluginSet(selectionSHA256: key)   // json
    /// ```
    func recordedPluginSet(selectionSHA256: String) throws -> String?
    /// Records (or replaces) the plugin set a selection key gave (see ``recordedPluginSet(selectionSHA256:)``).
    func recordPluginSet(_ json: String, selectionSHA256: String) throws
    /// Every plugin version (and derived layer) with stored output, sorted by name and version.
    func layers() throws -> [PluginIdentity]
    /// The number of stored documents.
    func documentCount() throws -> Int
    /// Every stored document id, sorted: for jobs that visit documents a page at a time.
    func documentIDs() throws -> [String]
    /// The annotations a query selects, in export order.
    func annotations(matching query: AnnotationQuery) throws -> [Annotation]
    /// Annotation counts per label and plugin version for a query (its `limit` is ignored),
    /// sorted by label then plugin.
    func countAnnotations(matching query: AnnotationQuery) throws -> [LabelPluginCount]
    /// Why this store cannot hold the document of this id, text and metadata (PostgreSQL text
    /// has no NUL byte, say), or nil when it can. A refused document is a document error of
    /// the run, the others go on.
    func refusal(id: String, text: String, metadata: DocumentMetadata) -> String?
    /// The rows of a document and its outputs encoded for this store's writer, made where the
    /// document was annotated (a worker thread) and carried in ``StoreBatch/encoded``; nil
    /// when the backend encodes as it writes.
    func encodedRows(of document: Document, outputs: [PluginOutput]) -> EncodedRows?
}

extension AnnotationStore {
    /// Every document fits (the SQLite store keeps every byte).
    public func refusal(id: String, text: String, metadata: DocumentMetadata) -> String? { nil }
    /// No thread of its own.
    public var backgroundCPUSeconds: Double { 0 }
    /// Nothing is encoded ahead (the backend encodes as it writes).
    public func encodedRows(of document: Document, outputs: [PluginOutput]) -> EncodedRows? { nil }
    /// Nothing recorded: a resumed run loads its plugins.
    public func recordedPluginSet(selectionSHA256: String) throws -> String? { nil }
    /// Not recorded (a backend without the table).
    public func recordPluginSet(_ json: String, selectionSHA256: String) throws {}
}

/// One transaction's worth of results.
public struct StoreBatch: Sendable {
    public var documents: [Document]
    public var outputs: [PluginOutput]
    public var errors: [ProcessingError]
    /// Input files finished with this batch (committed in the same transaction as their last documents).
    public var completedInputs: [CompletedInput]
    /// The run's counts so far, recorded in the same transaction: what `marginalia runs`
    /// shows of a run still going (a shard of a cluster job, say).
    public var runProgress: RunCounts?
    /// Rows encoded ahead for this store (``AnnotationStore/encodedRows(of:outputs:)``), by
    /// document id; what has none is encoded by the writer.
    public var encoded: [String: EncodedRows] = [:]

    public init(documents: [Document] = [], outputs: [PluginOutput] = [], errors: [ProcessingError] = [], completedInputs: [CompletedInput] = []) {
        self.documents = documents
        self.outputs = outputs
        self.errors = errors
        self.completedInputs = completedInputs
    }

    public var isEmpty: Bool { documents.isEmpty && outputs.isEmpty && errors.isEmpty && completedInputs.isEmpty }
}

/// Identifies a stored plugin output for resume: same text, same script, same params.
public struct OutputKey: Sendable, Hashable {
    public var textSHA256: String
    public var plugin: PluginIdentity
    public var paramsSHA256: String

    public init(textSHA256: String, plugin: PluginIdentity, paramsSHA256: String) {
        self.textSHA256 = textSHA256
        self.plugin = plugin
        self.paramsSHA256 = paramsSHA256
    }
}

/// A store that cannot be opened or used, with the file named.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
