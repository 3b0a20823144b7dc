import Foundation
import Marginalia

/// A hand-made store in a temporary directory: documents and plugin outputs written
/// directly, without Lua.
final class StoreFixture {
    let directory: String
    let store: SQLiteAnnotationStore

    init() throws {
        directory = NSTemporaryDirectory() + "marginalia-unit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try SQLiteAnnotationStore(path: directory + "/s.sqlite")
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    static func plugin(_ name: String, _ version: String = "1.0") -> PluginIdentity {
        PluginIdentity(name: name, version: version, sha256: ContentHash.sha256Hex(Array("\(name) \(version)".utf8)))
    }

    /// The UTF-8 byte range of the first `needle` in `text`, for spans on non-ASCII text.
    static func bytes(of needle: String, in text: String) -> (start: Int, end: Int) {
        let range = text.range(of: needle)!
        let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        return (start, start + needle.utf8.count)
    }

    /// Adds documents (id → text, optional date and language).
    func add(documents: [(id: String, text: String, date: String?, language: String?)]) throws {
        let docs = documents.map { Document(id: $0.id, text: $0.text, metadata: DocumentMetadata(date: $0.date, language: $0.language)) }
        let run = try store.beginRun(RunInfo(plugins: [], params: [:], inputs: ["fixture"]))
        try store.write(StoreBatch(documents: docs), runID: run)
    }

    /// Writes one plugin's output on one document: document labels (label, score) and
    /// spans (label, byte start, byte end, score) — byte offsets, ASCII texts.
    func output(_ plugin: PluginIdentity, on documentID: String, labels: [(String, Double)] = [],
                spans: [(String, Int, Int, Double)] = []) throws {
        let document = try store.document(id: documentID)!
        let index = CodePointIndex(document.text)
        var annotations = labels.map { Annotation(documentID: documentID, label: $0.0, span: nil, score: $0.1, plugin: plugin) }
        annotations += spans.map {
            Annotation(documentID: documentID, label: $0.0, span: Span(byteStart: $0.1, byteEnd: $0.2, in: index), score: $0.3, plugin: plugin)
        }
        let run = try store.beginRun(RunInfo(plugins: [plugin], params: [:], inputs: ["fixture"]))
        try store.write(StoreBatch(outputs: [PluginOutput(documentID: documentID, textSHA256: document.textSHA256, plugin: plugin,
                                                          paramsSHA256: "", annotations: annotations)]), runID: run)
    }

    /// Writes a file under the fixture's directory (folders created) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every annotation of the store, as JSONL.
    func export() throws -> String {
        var out = ""
        try JSONLExporter.export(from: store) { out += $0 }
        return out
    }

    /// The merged annotations of a document.
    func merged(_ documentID: String) throws -> [Annotation] {
        try store.annotations(documentID: documentID).filter { $0.plugin.name == LayerName.merged }
    }
}
