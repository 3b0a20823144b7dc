/// Reads a JSONL export back into a store: document lines (`"kind":"document"`, written
/// by `export --with-documents`) become documents, annotation lines become the outputs
/// of the plugin versions they name. Exporting the new store gives the same bytes.
///
/// Annotation lines may also refer to documents already in the store. Every line is
/// checked (offsets inside the text, `text` equal to the covered text) before anything
/// is written; a bad line throws an `InputError` with the file and line.
///
/// ```swift
/// let summary = try JSONLImporter.importFile("out.jsonl", into: store)
/// print(summary.documents, summary.annotations)
/// ```
public enum JSONLImporter {
    /// What an import wrote.
    public struct Summary: Sendable, Hashable {
        public var documents: Int
        public var annotations: Int
    }

    /// Reads and checks the whole file, then writes it; throws an `InputError` naming the
    /// file and line of the first bad line, having written nothing.
    public static func importFile(_ path: String, into store: any AnnotationStore) throws -> Summary {
        let reader: LineReader
        do { reader = try LineReader(path: path) } catch { throw InputError(file: path, message: "\(error)") }
        var documents: [String: Document] = [:]
        var documentOrder: [String] = []
        var indexes: [String: (CodePointIndex, [Int])] = [:]
        var outputs: [String: PluginOutput] = [:]   // "doc\0name\0version\0sha"
        var outputOrder: [String] = []
        var annotations = 0
        func nextLine() throws -> (number: Int, bytes: [UInt8])? {
            do { return try reader.next() } catch { throw InputError(file: path, message: "\(error)") }
        }
        while let (number, bytes) = try nextLine() {
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            func fail(_ message: String) -> InputError { InputError(file: path, line: number, message: message) }
            let object: [String: JSONValue]
            do {
                guard let parsed = try JSONParser.parse(bytes).objectValue else { throw fail("expected a JSON object") }
                object = parsed
            } catch let error as JSONParser.SyntaxError { throw fail("\(error)") }
            guard let documentID = object["document"]?.stringValue else { throw fail("missing \"document\"") }
            if object["kind"] != nil {
                guard object["kind"] == .string("document") else { throw fail("unknown kind \(object["kind"]!.serialized())") }
                guard let text = object["text"]?.stringValue else { throw fail("a document line needs \"text\"") }
                let metadata = DocumentMetadata(jsonObject: object["metadata"]?.objectValue ?? [:])
                if documents[documentID] == nil { documentOrder.append(documentID) }
                documents[documentID] = Document(id: documentID, text: text, metadata: metadata)
                indexes[documentID] = nil
                continue
            }
            if documents[documentID] == nil, let stored = try store.document(id: documentID) { documents[documentID] = stored }
            guard let document = documents[documentID] else {
                throw fail("unknown document '\(documentID)': export with --with-documents, or annotate its corpus into this store first")
            }
            guard let label = object["label"]?.stringValue, let score = object["score"]?.doubleValue,
                  let name = object["plugin"]?.stringValue, let version = object["plugin_version"]?.stringValue,
                  let sha256 = object["plugin_sha256"]?.stringValue
            else { throw fail("an annotation line needs label, score, plugin, plugin_version and plugin_sha256") }
            var span: Span?
            if object["start"] != nil || object["end"] != nil {
                if indexes[documentID] == nil {
                    let index = CodePointIndex(document.text)
                    indexes[documentID] = (index, index.byteOffsetsOfCodePoints())
                }
                let (index, bytesOf) = indexes[documentID]!
                guard let start = object["start"]?.doubleValue.map(Int.init), let end = object["end"]?.doubleValue.map(Int.init),
                      0 <= start, start <= end, end < bytesOf.count
                else { throw fail("start/end must be code-point offsets 0 ≤ start ≤ end ≤ \(bytesOf.count - 1)") }
                span = Span(byteStart: bytesOf[start], byteEnd: bytesOf[end], codePointStart: start, codePointEnd: end)
                let covered = index.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[bytesOf[start]..<bytesOf[end]]), as: UTF8.self) }
                if let text = object["text"]?.stringValue, text != covered {
                    throw fail("\"text\" is '\(text)' but the document has '\(covered)' at \(start)..<\(end): the line does not match its document")
                }
            }
            let plugin = PluginIdentity(name: name, version: version, sha256: sha256)
            let key = [documentID, name, version, sha256].joined(separator: "\u{0}")
            if outputs[key] == nil {
                outputOrder.append(key)
                outputs[key] = PluginOutput(documentID: documentID, textSHA256: document.textSHA256, plugin: plugin,
                                            paramsSHA256: "", annotations: [])
            }
            outputs[key]!.annotations.append(Annotation(
                documentID: documentID, label: label, span: span, score: score,
                features: object["features"] ?? .object([:]), plugin: plugin))
            annotations += 1
        }
        let plugins = Array(Set(outputs.values.map(\.plugin))).sorted { $0.description < $1.description }
        let run = try store.beginRun(RunInfo(plugins: plugins, params: [:], inputs: [path]))
        // Written like an annotate batch: into a store without annotations (or without its
        // query indexes) the query indexes are left to the first query.
        try store.inBulkWrite {
            try store.write(StoreBatch(documents: documentOrder.map { documents[$0]! }), runID: run)
            for chunk in stride(from: 0, to: outputOrder.count, by: 500) {
                let keys = outputOrder[chunk..<min(chunk + 500, outputOrder.count)]
                try store.write(StoreBatch(outputs: keys.map { outputs[$0]! }), runID: run)
            }
        }
        try store.finishRun(id: run, counts: RunCounts(documents: documentOrder.count, annotations: annotations), status: "completed")
        return Summary(documents: documentOrder.count, annotations: annotations)
    }
}
