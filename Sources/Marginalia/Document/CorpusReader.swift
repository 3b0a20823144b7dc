import Foundation

/// Streams the documents of files and directories: `.txt` files (one article each) and
/// `.jsonl` files (one article a line, read lazily). Directories are walked recursively
/// in sorted order. A bad file or line yields a `DocumentError` and reading goes on.
///
/// ```swift
/// for item in CorpusReader(paths: ["seeds"]) {
///     switch item {
///     case .success(let document): print(document.id)
///     case .failure(let error): print("skipped:", error)
///     }
/// }
/// ```
public struct CorpusReader: Sequence {
    /// The input paths, as given.
    public let paths: [String]

    public init(paths: [String]) { self.paths = paths }

    public func makeIterator() -> Iterator { Iterator(paths: paths) }

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
        path.hasSuffix(".txt") || path.hasSuffix(".jsonl")
    }

    /// Produces one `Result` per document or per failure.
    public struct Iterator: IteratorProtocol {
        private var pending: [Result<Document, DocumentError>] = []
        private var files: [String]
        private var lines: (reader: LineReader, path: String)?

        init(paths: [String]) {
            let (files, errors) = CorpusReader.expand(paths)
            self.files = files.reversed()
            self.pending = errors.map { .failure($0) }.reversed()
        }

        public mutating func next() -> Result<Document, DocumentError>? {
            while true {
                if let item = pending.popLast() { return item }
                if let (reader, path) = lines {
                    if let line = reader.next() {
                        if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                        let source = "\(path):\(line.number)"
                        do throws(DocumentError) {
                            return .success(try JSONLRecordParser.parse(line: line.bytes, source: source))
                        } catch {
                            return .failure(error)
                        }
                    }
                    lines = nil
                    continue
                }
                guard let path = files.popLast() else { return nil }
                if path == "-" || path.hasSuffix(".jsonl") {
                    do throws(DocumentError) {
                        lines = (try LineReader(path: path), path == "-" ? "<stdin>" : path)
                    } catch {
                        return .failure(error)
                    }
                    continue
                }
                return Self.readTextFile(path)
            }
        }

        private static func readTextFile(_ path: String) -> Result<Document, DocumentError> {
            let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            guard let data = FileManager.default.contents(atPath: path) else {
                let reason = access(path, R_OK) == 0 ? "read failed" : String(cString: strerror(errno))
                return .failure(DocumentError(source: path, documentID: id, reason: .unreadable(reason)))
            }
            do throws(DocumentError) {
                return .success(try TextFileParser.parse(bytes: [UInt8](data), id: id, source: path))
            } catch {
                return .failure(error)
            }
        }
    }
}
