/// Copies one store into another: documents, plugin outputs (provenance and annotations)
/// and recorded errors. What combines the per-shard SQLite files of a cluster job into one
/// store, and pushes a laptop's store into a team's.
///
/// An output is copied unless the target already holds the same document text annotated
/// by the same plugin script (SHA-256) with the same parameters; so importing a store
/// twice, or two stores that overlap, writes nothing twice. Errors the target already
/// recorded (same kind, message, document, source, plugin and line) are not copied again.
/// Shards of one corpus annotated with the same plugins combine into a store whose export
/// is byte for byte that of a single run.
///
/// ```swift
/// let combined = try SQLiteAnnotationStore(path: "all.sqlite")
/// for shard in ["shard-0.sqlite", "shard-1.sqlite"] {
///     let summary = try StoreImporter.importStore(try SQLiteAnnotationStore(path: shard), named: shard, into: combined)
///     print(summary.documents, summary.outputs, summary.outputsAlreadyThere)
/// }
/// ```
public enum StoreImporter {
    /// What an import wrote, and what it found already there.
    public struct Summary: Sendable, Hashable {
        /// Documents read from the source.
        public var documents = 0
        /// Plugin outputs written, and the annotations they hold.
        public var outputs = 0
        public var annotations = 0
        /// Outputs skipped: the target had the same text × plugin SHA-256 × params.
        public var outputsAlreadyThere = 0
        /// Errors copied.
        public var errors = 0
    }

    /// Documents per transaction in the target.
    static let documentsPerBatch = 256

    /// Copies `source` (named `name` in the target's run record) into `target`, in
    /// transactions of whole documents, as one run of the target.
    public static func importStore(_ source: any AnnotationStore, named name: String, into target: any AnnotationStore) throws -> Summary {
        var summary = Summary()
        let run = try target.beginRun(RunInfo(plugins: try source.layers(), params: [:], inputs: [name],
                                              settings: ["import": .string("store")]))
        var batch = StoreBatch()
        var pending = 0
        func flush() throws {
            if batch.isEmpty { return }
            try target.write(batch, runID: run)
            batch = StoreBatch()
            pending = 0
        }
        /// Every document with the outputs the target lacks, then the errors it lacks.
        func copy() throws {
            try source.forEachDocumentOutputs { document, outputs in
                summary.documents += 1
                let present = try target.outputKeys(documentID: document.id)
                let storedText = present.isEmpty ? nil : try target.document(id: document.id)?.textSHA256
                batch.documents.append(document)
                for output in outputs {
                    let key = OutputKey(textSHA256: output.textSHA256, plugin: output.plugin, paramsSHA256: output.paramsSHA256)
                    if storedText == document.textSHA256, present.contains(key) {
                        summary.outputsAlreadyThere += 1
                        continue
                    }
                    batch.outputs.append(output)
                    summary.outputs += 1
                    summary.annotations += output.annotations.count
                }
                pending += 1
                if pending >= documentsPerBatch { try flush() }
            }
            let known = Set(try target.recordedErrors(runID: nil).map(\.error))
            var copied = Set<ProcessingError>()
            for error in try source.recordedErrors(runID: nil).map(\.error) where !known.contains(error) && copied.insert(error).inserted {
                batch.errors.append(error)
            }
            summary.errors = copied.count
            try flush()
        }
        do {
            // Written like an annotate batch: into a store without annotations (or without
            // its query indexes) the query indexes are left to the first query.
            try target.inBulkWrite { try copy() }
        } catch {
            try? target.finishRun(id: run, counts: RunCounts(documents: summary.documents, annotations: summary.annotations), status: "failed")
            throw error
        }
        try target.finishRun(id: run, counts: RunCounts(documents: summary.documents, annotations: summary.annotations, errors: summary.errors),
                             status: "completed")
        return summary
    }
}
