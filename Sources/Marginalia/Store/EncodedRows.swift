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
        JSONValue.object(document.metadata.jsonObject).write(toUTF8: &metadata)
        metadataJSON = metadata
        features = outputs.map(EncodedFeatures.init)
    }

    /// The encoded features of `output`: those made from an output of the same plugin with
    /// as many annotations, or nil (the writer then encodes them itself).
    func features(of output: PluginOutput) -> EncodedFeatures? {
        features.first { $0.plugin == output.plugin && $0.ends.count == output.annotations.count }
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
        var bytes: [UInt8] = []
        var ends: [Int] = []
        ends.reserveCapacity(output.annotations.count)
        for annotation in output.annotations {
            Self.write(annotation.features, to: &bytes)
            ends.append(bytes.count)
        }
        self.bytes = bytes
        self.ends = ends
    }

    /// Appends a features object as the store keeps it (`{}` for an empty one, without
    /// the sorting of keys an empty object would otherwise cost).
    static func write(_ features: JSONValue, to bytes: inout [UInt8]) {
        if case .object(let members) = features, members.isEmpty {
            bytes.append(UInt8(ascii: "{"))
            bytes.append(UInt8(ascii: "}"))
        } else {
            features.write(toUTF8: &bytes)
        }
    }
}
