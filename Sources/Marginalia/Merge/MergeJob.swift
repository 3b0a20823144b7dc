/// Runs a merge over a whole store: picks the inputs, merges every document and writes
/// the `merged` layer (one output per document, replacing the previous merge with the
/// same options). Raw annotations are only read.
///
/// ```swift
/// let summary = try MergeJob.run(MergeOptions(policy: .vote(threshold: 0.5)), store: store)
/// print(summary.identity.version, summary.annotations)
/// ```
public enum MergeJob {
    /// What a merge wrote.
    public struct Summary: Sendable, Hashable {
        public var identity: PluginIdentity
        public var inputs: [PluginIdentity]
        public var documents: Int
        public var annotations: Int
    }

    /// Documents merged and written per transaction.
    static let pageSize = 500

    /// Merges the latest (or every) version of each raw plugin into the layer the options
    /// name; throws a `MergeError` when the store has no plugin output.
    public static func run(_ options: MergeOptions, store: any AnnotationStore) throws -> Summary {
        let inputs = LayerSelection.rawInputs(from: try store.layers(), allVersions: options.allVersions)
        guard !inputs.isEmpty else { throw MergeError("the store has no plugin output to merge; run `marginalia annotate` first") }
        let inputKeys = Set(inputs.map(LayerMerger.key))
        var voters: [String: [String]] = [:]
        for row in try store.countAnnotations(matching: AnnotationQuery()) where inputKeys.contains(LayerMerger.key(row.plugin)) {
            let key = LayerMerger.key(row.plugin)
            if !(voters[row.label]?.contains(key) ?? false) { voters[row.label, default: []].append(key) }
        }
        let merger = LayerMerger(options: options, inputs: inputs, voters: voters)
        let paramsHash = ContentHash.sha256Hex(Array(options.spec.utf8))
        let params: JSONValue = .object([
            "policy": .string(options.spec),
            "inputs": .array(inputs.map { .string("\(LayerMerger.key($0)) \($0.sha256)") }),
        ])
        let run = try store.beginRun(RunInfo(plugins: [merger.identity] + inputs, params: [LayerName.merged: params],
                                             inputs: ["merge " + options.spec]))
        // A page of documents at a time: memory stays flat however large the store.
        let documentIDs = try store.documentIDs()
        var written = 0
        do {
            for page in stride(from: 0, to: documentIDs.count, by: pageSize) {
                var outputs: [PluginOutput] = []
                for id in documentIDs[page..<min(page + pageSize, documentIDs.count)] {
                    guard let document = try store.document(id: id) else { continue }
                    let merged = merger.merge(documentID: id, annotations: try store.annotations(documentID: id))
                    outputs.append(PluginOutput(documentID: id, textSHA256: document.textSHA256, plugin: merger.identity,
                                                paramsSHA256: paramsHash, annotations: merged))
                }
                try store.write(StoreBatch(outputs: outputs), runID: run)
                written += outputs.reduce(0) { $0 + $1.annotations.count }
            }
        } catch {
            try? store.finishRun(id: run, counts: RunCounts(annotations: written), status: "failed")
            throw error
        }
        try store.finishRun(id: run, counts: RunCounts(documents: documentIDs.count, annotations: written), status: "completed")
        return Summary(identity: merger.identity, inputs: inputs, documents: documentIDs.count, annotations: written)
    }
}
