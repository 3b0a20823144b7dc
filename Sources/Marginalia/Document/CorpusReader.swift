import Foundation

/// Streams the documents of files and directories: `.txt` files (one article each),
/// `.jsonl` and `.jsonl.gz` files (one article a line, read lazily and decompressed on
/// the fly), `.csv` and `.csv.gz` files (one article a record, under a header line), and
/// `-` for JSONL on standard input. Directories are walked recursively in
/// sorted order. A bad file or line yields a `DocumentError` and reading goes on.
///
/// ```swift
/// for item in CorpusReader(paths: ["seeds", "news.jsonl.gz"]) {
///     switch item {
///     case .success(let document): print(document.id)
///     case .failure(let error): print("skipped:", error)
///     }
/// }
/// ```
public struct CorpusReader: Sequence {
    /// The input paths, as given.
    public let paths: [String]

    /// The id and text fields (JSONL) or columns (CSV).
    public let fields: RecordFields

    public init(paths: [String], fields: RecordFields = .standard) {
        self.paths = paths
        self.fields = fields
    }

    public func makeIterator() -> Iterator { Iterator(stream: CorpusStream(paths: paths, fields: fields)) }

    /// The files a set of paths stands for, in reading order, and the paths that failed.
    public static func expand(_ paths: [String]) -> (files: [String], errors: [DocumentError]) {
        let inputs = inputs(paths)
        return (inputs.files, inputs.errors)
    }

    /// The files a set of paths stands for, in reading order; the paths that failed (a named
    /// file of a type Marginalia does not read among them, with a hint); and the files of
    /// other types found inside folders, which are skipped (hidden files are not listed).
    ///
    /// ```swift
    /// let found = CorpusReader.inputs(["corpus/"])
    /// print(found.files.count, found.skipped)   // 120 ["corpus/notes.csv"]
    /// ```
    public static func inputs(_ paths: [String]) -> (files: [String], errors: [DocumentError], skipped: [String]) {
        var files: [String] = []
        var errors: [DocumentError] = []
        var skipped: [String] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" { files.append(path); continue }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                errors.append(DocumentError(source: path, reason: .unreadable("no such file or directory")))
                continue
            }
            guard isDirectory.boolValue else {
                if let hint = CorpusFileType.unsupportedHint(path) {
                    errors.append(DocumentError(source: path, reason: .unsupportedType(hint: hint)))
                } else {
                    files.append(path)
                }
                continue
            }
            guard let walker = manager.enumerator(atPath: path) else {
                errors.append(DocumentError(source: path, reason: .unreadable("cannot list directory")))
                continue
            }
            var found: [String] = []
            var other: [String] = []
            while let relative = walker.nextObject() as? String {
                let full = (path as NSString).appendingPathComponent(relative)
                if isCorpusFile(relative) {
                    found.append(full)
                } else if !(relative as NSString).lastPathComponent.hasPrefix("."),
                          (walker.fileAttributes?[.type] as? FileAttributeType) != .typeDirectory {
                    other.append(full)
                }
            }
            files.append(contentsOf: found.sorted())
            skipped.append(contentsOf: other.sorted())
        }
        return (files, errors, skipped)
    }

    /// True for the file kinds the reader understands.
    public static func isCorpusFile(_ path: String) -> Bool {
        path.hasSuffix(".txt") || isRecordFile(path)
    }

    /// True for record inputs: JSONL (`.jsonl`, `.jsonl.gz`, `-`) and CSV (`.csv`,
    /// `.csv.gz`). A named file without an extension is read as one `.txt` article; one
    /// with another extension is refused (``CorpusFileType``).
    public static func isRecordFile(_ path: String) -> Bool {
        path == "-" || path.hasSuffix(".jsonl") || path.hasSuffix(".jsonl.gz") || isCSVFile(path)
    }

    /// True for CSV inputs: `.csv` and `.csv.gz`.
    public static func isCSVFile(_ path: String) -> Bool { path.hasSuffix(".csv") || path.hasSuffix(".csv.gz") }

    /// Produces one `Result` per document or per failure.
    public struct Iterator: IteratorProtocol {
        let stream: CorpusStream

        public mutating func next() -> Result<Document, DocumentError>? {
            while let event = stream.next() {
                switch event {
                case .document(let document, _): return .success(document)
                case .failure(let error, _): return .failure(error)
                case .fileFinished, .fileSkipped: continue
                }
            }
            return nil
        }
    }
}
