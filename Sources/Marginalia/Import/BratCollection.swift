import Foundation

/// brat standoff files (`.ann`, with the `.txt` beside each) matched to documents: the
/// document id is the file stem. The text is the store's document when it has one (the
/// `.txt`, if present, must then be identical), otherwise the `.txt`.
///
/// ```swift
/// let collection = try BratCollection.load(["annotators/alice/"], store: store)
/// for item in collection.items { print(item.document.id, item.file.spans.count) }
/// ```
public struct BratCollection: Sendable {
    /// One `.ann` file, its document and its spans.
    public struct Item: Sendable {
        public var path: String
        public var document: Document
        public var file: BratFile
        /// True when the document is not yet in the store.
        public var isNewDocument: Bool
        /// The raw `.ann` bytes (for hashing).
        public var bytes: [UInt8]
    }

    public var items: [Item]

    /// Loads `.ann` files and folders of them (sorted, recursive). brat type names that
    /// spell a label of the store (`defense_term`) become that label.
    public static func load(_ paths: [String], store: any AnnotationStore) throws -> BratCollection {
        var items: [Item] = []
        let knownLabels = Set(try store.countAnnotations(matching: AnnotationQuery()).map(\.label))
        for path in try annFiles(paths) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InputError(file: path, message: "cannot read the file")
            }
            let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let textPath = (path as NSString).deletingPathExtension + ".txt"
            let textFile = FileManager.default.contents(atPath: textPath).map { String(decoding: $0, as: UTF8.self) }
            var document: Document
            var isNew = false
            if let stored = try store.document(id: id) {
                if let textFile, textFile != stored.text {
                    throw InputError(file: textPath, message: "differs from the text of document '\(id)' in the store; the offsets of \((path as NSString).lastPathComponent) would point elsewhere")
                }
                document = stored
            } else if let textFile {
                do { document = try TextFileParser.parse(bytes: Array(textFile.utf8), id: id, source: textPath) } catch {
                    throw InputError(file: textPath, message: "\(error)")
                }
                isNew = true
            } else {
                throw InputError(file: path, message: "no document '\(id)' in the store and no \((textPath as NSString).lastPathComponent) beside it")
            }
            let file = try BratFile.parse(String(decoding: data, as: UTF8.self), file: path, documentText: document.text)
                .resolvingBratTypes(knownLabels: knownLabels)
            items.append(Item(path: path, document: document, file: file, isNewDocument: isNew, bytes: Array(data)))
        }
        return BratCollection(items: items)
    }

    /// The `.ann` files of `paths`; throws for a path that is neither.
    static func annFiles(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(file: path, message: "no such file or directory")
            }
            if isDirectory.boolValue {
                let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                    .filter { $0.hasSuffix(".ann") }.sorted().map { (path as NSString).appendingPathComponent($0) }
                if found.isEmpty { throw InputError(file: path, message: "no .ann files in this folder") }
                files += found
            } else if path.hasSuffix(".ann") {
                files.append(path)
            } else {
                throw InputError(file: path, message: "not a brat .ann file")
            }
        }
        return files
    }

    /// The spans as annotations of `layer`, per document. A span repeated with the same
    /// label and offsets (as in a brat export of several plugins) is kept once.
    public func outputs(layer: String) -> [PluginOutput] {
        let identity = PluginIdentity(name: layer, version: LayerName.handAnnotationVersion, sha256: ContentHash.sha256Hex(parts: items.map(\.bytes)))
        return items.map { item in
            let index = CodePointIndex(item.document.text)
            let bytesOf = index.byteOffsetsOfCodePoints()
            var seen = Set<SpanKey>()
            let distinct = item.file.spans.filter {
                seen.insert(SpanKey(documentID: item.document.id, label: $0.label, start: $0.start, end: $0.end)).inserted
            }
            let annotations = distinct.map { entry in
                Annotation(documentID: item.document.id, label: entry.label,
                           span: Span(byteStart: bytesOf[entry.start], byteEnd: bytesOf[entry.end],
                                      codePointStart: entry.start, codePointEnd: entry.end),
                           score: 1, features: .object(["brat_id": .string(entry.id)]), plugin: identity)
            }
            return PluginOutput(documentID: item.document.id, textSHA256: item.document.textSHA256, plugin: identity,
                                paramsSHA256: "", annotations: annotations)
        }
    }

    /// Writes the spans into the store as the layer `layer` (default `gold`), adding the
    /// documents it lacks. Importing the same files again replaces, never duplicates.
    @discardableResult
    public func importInto(_ store: any AnnotationStore, layer: String = LayerName.gold) throws -> Int {
        let outputs = outputs(layer: layer)
        let run = try store.beginRun(RunInfo(plugins: outputs.first.map { [$0.plugin] } ?? [], params: [:], inputs: items.map(\.path)))
        try store.write(StoreBatch(documents: items.filter(\.isNewDocument).map(\.document), outputs: outputs), runID: run)
        let count = outputs.reduce(0) { $0 + $1.annotations.count }
        try store.finishRun(id: run, counts: RunCounts(documents: items.count, annotations: count), status: "completed")
        return count
    }
}
