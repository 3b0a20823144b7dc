import Foundation

/// Reads lines from a ``ByteSource`` without loading it whole: a file, standard input
/// (`-`) or a decompressed `.gz` stream. Lines may be of any length; the buffer grows to
/// the longest line and no further.
///
/// ```swift
/// let reader = try LineReader(path: "news.jsonl.gz")
/// while let line = try reader.next() { print(line.number, line.bytes.count) }
/// ```
public final class LineReader {
    /// What errors and document sources call the input (`<stdin>` for `-`).
    public let name: String
    private let source: any ByteSource
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var atEnd = false
    private var lineNumber = 0

    /// Reads `source`, calling it `name` in errors.
    public init(source: any ByteSource, name: String) {
        self.source = source
        self.name = name
        buffer = .allocate(byteCount: 1 << 20, alignment: 16)
    }

    /// Opens `path` (`-` for standard input); files ending in `.gz` are decompressed.
    /// Throws a `DocumentError` naming the file when it cannot be opened.
    public convenience init(path: String) throws(DocumentError) {
        let file = try FileByteSource(path: path)
        let name = path == "-" ? "<stdin>" : path
        self.init(source: path.hasSuffix(".gz") ? try GzipByteSource(file, name: name) : file, name: name)
    }

    deinit { buffer.deallocate() }

    /// Bytes taken from the underlying file so far (compressed bytes for `.gz`).
    public var rawBytesRead: Int { source.rawBytesRead }

    /// The next line without its line terminator, and its 1-based number; nil at the end.
    /// Throws when the input fails mid-way (a read error, corrupt or truncated gzip data).
    public func next() throws(DocumentError) -> (number: Int, bytes: [UInt8])? {
        guard let line = try nextBorrowed() else { return nil }
        let bytes = [UInt8](unsafeUninitializedCapacity: line.bytes.count) { target, initialized in
            if let from = line.bytes.baseAddress, !line.bytes.isEmpty { memcpy(target.baseAddress!, from, line.bytes.count) }
            initialized = line.bytes.count
        }
        return (line.number, bytes)
    }

    /// The same line, not copied: its bytes in the reader's buffer, valid only until the
    /// next call (the record parser reads them there, so no line is copied twice).
    ///
    /// ```swift
    /// while let line = try reader.nextBorrowed() { print(line.number, line.bytes.count) }
    /// ```
    public func nextBorrowed() throws(DocumentError) -> (number: Int, bytes: UnsafeBufferPointer<UInt8>)? {
        var scanFrom = start
        while true {
            if let newline = find(0x0A, from: scanFrom) {
                return take(upTo: newline, skipping: 1)
            }
            scanFrom = end
            if atEnd {
                guard start < end else { return nil }
                return take(upTo: end, skipping: 0)
            }
            if start > 0 {
                // Move the partial line to the front.
                let pending = end - start
                if pending > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + start, pending) }
                scanFrom -= start
                start = 0
                end = pending
            }
            if end == buffer.count {
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
                bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
                buffer.deallocate()
                buffer = bigger
            }
            let count: Int
            do {
                count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            } catch {
                var error = error
                error.source = "\(name):\(lineNumber + 1)"
                throw error
            }
            if count == 0 { atEnd = true }
            end += count
        }
    }

    private func find(_ byte: UInt8, from offset: Int) -> Int? {
        guard offset < end else { return nil }
        let found = memchr(buffer.baseAddress! + offset, Int32(byte), end - offset)
        return found.map { buffer.baseAddress!.distance(to: $0) }
    }

    private func take(upTo lineEnd: Int, skipping terminator: Int) -> (number: Int, bytes: UnsafeBufferPointer<UInt8>) {
        var contentEnd = lineEnd
        if contentEnd > start && buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        let first = UnsafeRawPointer(buffer.baseAddress! + start).bindMemory(to: UInt8.self, capacity: contentEnd - start)
        let bytes = UnsafeBufferPointer(start: first, count: contentEnd - start)
        start = lineEnd + terminator
        lineNumber += 1
        return (lineNumber, bytes)
    }
}
