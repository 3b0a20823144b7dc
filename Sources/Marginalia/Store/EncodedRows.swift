/// The bytes a store binds for one document and its plugin outputs, encoded ahead of the
/// writer: by the worker that annotated the document, so that the one writer thread only
/// binds and steps. The SQLite store makes them (``AnnotationStore/encodedRows(of:outputs:)``);
/// a batch carries them beside its documents and outputs (``StoreBatch/encoded``), and the
/// writer encodes whatever has none (an import, another backend's batch).
///
/// ```swift
/// let rows = EncodedRows(document: doc, outputs: outputs)
/// var batch = StoreBatch(documents: [doc], outputs: outputs)
/// batch.encoded[doc.id] = rows
/// try store.write(batch, runID: run)
/// ```
public struct EncodedRows: Sendable {
    /// The hash of the text these rows were encoded from (the writer uses them only for it).
    public let textSHA256: String
    /// The text's length in UTF-8 bytes and in Unicode scalars (code points).
    public let byteLength: Int
    public let codePointLength: Int
    /// The document's metadata object as JSON (the `metadata` column).
    public let metadataJSON: [UInt8]
    /// Each output's annotation features as JSON, in the order of `outputs`.
    public let features: [EncodedFeatures]

    /// Encodes `document` and the features of `outputs` (the document's outputs).
    public init(document: Document, outputs: [PluginOutput]) {
        textSHA256 = document.textSHA256
        byteLength = document.text.utf8.count
        codePointLength = TextUTF8.scalarCount(document.text)
        var metadata: [UInt8] = []
        document.metadata.writeJSON(toUTF8: &metadata)
        metadataJSON = metadata
        features = outputs.map(EncodedFeatures.init)
    }

    /// Where in ``features`` the encoded features of `output` are: those made from an output
    /// of the same plugin with as many annotations, or nil (the writer then encodes them
    /// itself). Each candidate is compared where it is (a copy would retain its buffers).
    func featuresIndex(of output: PluginOutput) -> Int? {
        features.withUnsafeBufferPointer { Self.featuresIndex(of: output.annotations.count, output.plugin, in: $0) }
    }

    /// Where in `candidates` the features of an output of `plugin` with `count` annotations are.
    static func featuresIndex(of count: Int, _ plugin: PluginIdentity, in candidates: UnsafeBufferPointer<EncodedFeatures>) -> Int? {
        // The counts first: a comparison of two integers before one of three strings.
        candidates.indices.first { candidates[$0].ends.count == count && candidates[$0].plugin == plugin }
    }
}

/// One plugin output's annotation features as JSON, back to back in one buffer.
public struct EncodedFeatures: Sendable {
    /// The plugin whose output this is.
    public let plugin: PluginIdentity
    /// Every annotation's features object, one after the other.
    public let bytes: [UInt8]
    /// Where each annotation's features end in `bytes` (the next one starts there).
    public let ends: [Int]

    public init(_ output: PluginOutput) {
        plugin = output.plugin
        var ends: [Int] = []
        ends.reserveCapacity(output.annotations.count)
        // All of the output's features are written into one buffer (on the stack while
        // they fit), then copied into `bytes` once.
        bytes = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { stack in   // 1 KiB: more would go on the heap
            var sink = JSONByteSink(startingIn: stack)
            defer { sink.release() }
            for index in output.annotations.indices {
                output.annotations[index].features.write(to: &sink)
                ends.append(sink.count)
            }
            return sink.bytes()
        }
        self.ends = ends
    }
}
