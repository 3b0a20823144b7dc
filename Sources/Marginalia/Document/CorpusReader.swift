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
        var files: [String] = []
        var errors: [DocumentError] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" { files.append(path); continue }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                errors.append(DocumentError(source: path, reason: .unreadable("no such file or directory")))
                continue
            }
            guard isDirectory.boolValue else { files.append(path); continue }
            guard let walker = manager.enumerator(atPath: path) else {
                errors.append(DocumentError(source: path, reason: .unreadable("cannot list directory")))
                continue
            }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                if isCorpusFile(relative) { found.append((path as NSString).appendingPathComponent(relative)) }
            }
            files.append(contentsOf: found.sorted())
        }
        return (files, errors)
    }

    /// True for the file kinds the reader understands.
    public static func isCorpusFile(_ path: String) -> Bool {
        path.hasSuffix(".txt") || isRecordFile(path)
    }

    /// True for record inputs: JSONL (`.jsonl`, `.jsonl.gz`, `-`) and CSV (`.csv`,
    /// `.csv.gz`). Any other named file is read as one `.txt` article.
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
