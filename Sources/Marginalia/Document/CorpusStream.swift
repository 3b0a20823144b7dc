import Foundation

/// Reads a corpus file by file and record by record, telling which file each document
/// came from and when a file ends: what the batch engine needs to resume and to show
/// progress. ``CorpusReader`` is the simple view of the same stream.
///
/// Record files (`.jsonl`, `.jsonl.gz`, `-` for JSONL on standard input, `.csv` and
/// `.csv.gz` with a header line) are streamed line by line and never held whole; a
/// malformed record is a failure for that record only (`file:line`), and reading goes
/// on. A `.txt` file is one article. `fields` names the id and text fields or columns.
///
/// With a ``CorpusShard``, only the documents the shard owns come out (a failure belongs to
/// the shard of its document id, or of its `file:line` when the id is unknown), and a
/// file's counts cover those alone.
///
/// A document whose id was already read in this stream is a failure naming both places
/// (the first is kept). An empty document is a failure with reason `.empty`, counted in
/// ``CorpusFile/empty`` rather than as a failure of its file.
///
/// ```swift
/// let stream = CorpusStream(paths: ["corpus/"], hashFiles: true)
/// while let event = stream.next() {
///     switch event {
///     case .document(let document, _): print(document.id)
///     case .failure(let error, _): print("skipped:", error)
///     case .fileFinished(let file), .fileSkipped(let file): print(file.path, stream.rawBytesRead)
///     }
/// }
/// ```
public final class CorpusStream {
    /// What the stream produces: documents (``next()``), or their records before the hash,
    /// language guess and NFD scan (``nextRecord()``, for the batch engine, whose workers
    /// do that work).
    public enum Output<Item> {
        /// A document (or its record), and the index of the file it came from.
        case document(Item, fileIndex: Int)
        /// A record or file that could not be read, and the index of its file when it had one.
        case failure(DocumentError, fileIndex: Int?)
        /// A file was read to its end (after all its documents and failures).
        case fileFinished(CorpusFile)
        /// A file was left out because `skipFile` said so.
        case fileSkipped(CorpusFile)
    }
    /// An event of ``next()``.
    public typealias Event = Output<Document>
    /// An event of ``nextRecord()``.
    public typealias RecordEvent = Output<DocumentRecord>

    private var files: [String]
    private var pending: [RecordEvent] = []
    private let hashFiles: Bool
    private let skipFile: ((String) -> Bool)?
    private let fields: RecordFields
    private let shard: CorpusShard
    private var current: (reader: LineReader, source: FileByteSource, file: CorpusFile, csv: CSVDocumentReader?)?
    private var nextIndex = 0
    private var finishedBytes = 0
    /// `name:` of the open record file, which each record's source (`name:line`) starts with.
    private var linePrefix = ""
    /// Where each document id was first read (`file` or `file:line`).
    private var firstSeen = DocumentIDRegistry()

    /// Streams `paths` (files and folders, walked recursively in sorted order). With
    /// `hashFiles`, record files are hashed as they are read (``CorpusFile/contentSHA256``).
    /// `skipFile` is asked before a record file (not standard input) is opened. `shard`
    /// keeps the documents (and failures) of one partition of the corpus.
    public init(paths: [String], hashFiles: Bool = false, fields: RecordFields = .standard, shard: CorpusShard = .whole,
                skipFile: ((String) -> Bool)? = nil) {
        let (files, errors) = CorpusReader.expand(paths)
        self.files = files.reversed()
        self.pending = errors.map { .failure($0, fileIndex: nil) }.reversed()
        self.hashFiles = hashFiles
        self.fields = fields
        self.skipFile = skipFile
        self.shard = shard
    }

    /// True when a failure is this shard's to report.
    private func owns(_ error: DocumentError) -> Bool {
        shard.owns(documentID: error.documentID ?? error.source)
    }

    /// Bytes taken from the input files so far (compressed bytes for `.gz`), skipped files included.
    public var rawBytesRead: Int { finishedBytes + (current?.reader.rawBytesRead ?? 0) }

    /// The next event, or nil at the end of the corpus.
    public func next() -> Event? {
        switch nextRecord() {
        case nil: return nil
        case .document(let record, let fileIndex)?: return .document(Document(record), fileIndex: fileIndex)
        case .failure(let error, let fileIndex)?: return .failure(error, fileIndex: fileIndex)
        case .fileFinished(let file)?: return .fileFinished(file)
        case .fileSkipped(let file)?: return .fileSkipped(file)
        }
    }

    /// The next event with the document's record, not yet its ``Document``, or nil at the
    /// end of the corpus.
    ///
    /// ```swift
    /// while let event = stream.nextRecord() {
    ///     if case .document(let record, _) = event { print(Document(record).textSHA256) }
    /// }
    /// ```
    public func nextRecord() -> RecordEvent? {
        while true {
            if let event = pending.popLast() { return event }
            if let (reader, source, file, csv) = current {
                let event = csv.map { nextCSVRecord($0, reader, source, file) } ?? nextLine(reader, source, file)
                if let event { return event }
                continue
            }
            guard let path = files.popLast() else { return nil }
            let index = nextIndex
            nextIndex += 1
            if CorpusReader.isRecordFile(path) {
                if path != "-", let skipFile, skipFile(path) {
                    let size = Self.fileSize(path)
                    finishedBytes += size
                    return .fileSkipped(CorpusFile(path: path, index: index, isRecordFile: true, bytes: size))
                }
                do throws(DocumentError) {
                    let source = try FileByteSource(path: path, hashing: hashFiles && path != "-")
                    let name = path == "-" ? "<stdin>" : path
                    let reader = LineReader(source: path.hasSuffix(".gz") ? try GzipByteSource(source, name: name) : source, name: name)
                    let csv = CorpusReader.isCSVFile(path) ? CSVDocumentReader(records: CSVRecordReader(lines: reader), fields: fields) : nil
                    current = (reader, source, CorpusFile(path: path, index: index, isRecordFile: true), csv)
                    linePrefix = name + ":"
                } catch {
                    if !owns(error) { continue }
                    return .failure(error, fileIndex: index)
                }
                continue
            }
            let file = CorpusFile(path: path, index: index, isRecordFile: false, bytes: Self.fileSize(path))
            finishedBytes += file.bytes
            // A text file's id is its stem: another shard's article is not even read.
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            if !shard.owns(documentID: stem) { continue }
            var finished = file
            let result = Self.readTextFile(path)
            switch result.flatMap(firstOfItsID) {
            case .success(let document):
                finished.documents = 1
                pending.append(.fileFinished(finished))
                return .document(document, fileIndex: index)
            case .failure(let error):
                if error.reason == .empty { finished.empty = 1 } else { finished.failures = 1 }
                pending.append(.fileFinished(finished))
                return .failure(error, fileIndex: index)
            }
        }
    }

    /// The next document or failure of the open record file; nil (having queued the
    /// file's end) when it is exhausted.
    private func nextLine(_ reader: LineReader, _ source: FileByteSource, _ file: CorpusFile) -> RecordEvent? {
        var file = file
        defer { if current != nil { current!.file = file } }
        while true {
            let line: (number: Int, bytes: UnsafeBufferPointer<UInt8>)?
            do throws(DocumentError) {
                line = try reader.nextBorrowed()
            } catch {
                // The file cannot be read further: its remaining records are lost.
                let mine = owns(error)
                if mine { file.failures += 1 }
                finish(file, reader: reader, contentSHA256: nil)
                return mine ? .failure(error, fileIndex: file.index) : nil
            }
            guard let line else {
                finish(file, reader: reader, contentSHA256: source.contentSHA256)
                return nil
            }
            if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do throws(DocumentError) {
                var source = linePrefix   // "\(reader.name):\(line.number)", without the interpolation's generic path
                source.append(String(line.number))
                let document = try JSONLRecordParser.parseRecord(line: line.bytes, source: source, fields: fields)
                if !shard.owns(documentID: document.id) { continue }
                let first = try firstOfItsID(document).get()
                file.documents += 1
                return .document(first, fileIndex: file.index)
            } catch {
                if !owns(error) { continue }
                if error.reason == .empty { file.empty += 1 } else { file.failures += 1 }
                return .failure(error, fileIndex: file.index)
            }
        }
    }

    /// The next document or failure of the open CSV file; nil (having queued the file's
    /// end) when it is exhausted.
    private func nextCSVRecord(_ csv: CSVDocumentReader, _ reader: LineReader, _ source: FileByteSource, _ file: CorpusFile) -> RecordEvent? {
        var file = file
        defer { if current != nil { current!.file = file } }
        while true {
            let result: Result<DocumentRecord, DocumentError>?
            do throws(DocumentError) {
                result = try csv.nextRecord()
            } catch {
                let mine = owns(error)
                if mine { file.failures += 1 }
                finish(file, reader: reader, contentSHA256: nil)
                return mine ? .failure(error, fileIndex: file.index) : nil
            }
            switch result {
            case nil:
                finish(file, reader: reader, contentSHA256: source.contentSHA256)
                return nil
            case .success(let document)?:
                if !shard.owns(documentID: document.id) { continue }
                switch firstOfItsID(document) {
                case .success(let document):
                    file.documents += 1
                    return .document(document, fileIndex: file.index)
                case .failure(let error):
                    file.failures += 1
                    return .failure(error, fileIndex: file.index)
                }
            case .failure(let error)?:
                if !owns(error) { continue }
                if error.reason == .empty { file.empty += 1 } else { file.failures += 1 }
                return .failure(error, fileIndex: file.index)
            }
        }
    }

    /// The document, unless its id was read before in this stream.
    private func firstOfItsID(_ document: DocumentRecord) -> Result<DocumentRecord, DocumentError> {
        let here = document.metadata.input ?? "?"
        if let first = firstSeen.register(document.id, at: here) {
            return .failure(DocumentError(source: here, documentID: document.id, reason: .duplicateID(firstSource: first)))
        }
        return .success(document)
    }

    private func finish(_ file: CorpusFile, reader: LineReader, contentSHA256: String?) {
        var file = file
        file.bytes = reader.rawBytesRead
        file.contentSHA256 = contentSHA256
        finishedBytes += file.bytes
        current = nil
        pending.append(.fileFinished(file))
    }

    /// The size of a file in bytes (0 when it cannot be read).
    ///
    /// ```swift
    /// CorpusStream.fileSize("news.jsonl.gz")   // 6890898
    /// ```
    public static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    static func readTextFile(_ path: String) -> Result<DocumentRecord, DocumentError> {
        let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = access(path, R_OK) == 0 ? "read failed" : String(cString: strerror(errno))
            return .failure(DocumentError(source: path, documentID: id, reason: .unreadable(reason)))
        }
        do throws(DocumentError) {
            return .success(try TextFileParser.parseRecord(bytes: [UInt8](data), id: id, source: path))
        } catch {
            return .failure(error)
        }
    }
}
