import Foundation

/// Reads a file line by line without loading it whole; `-` reads standard input.
///
/// ```swift
/// let reader = try LineReader(path: "news.jsonl")
/// while let line = reader.next() { print(line.number, line.bytes.count) }
/// ```
public final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private var lineNumber = 0

    /// Opens `path` for reading; throws a `DocumentError` naming it when that fails.
    public init(path: String) throws(DocumentError) {
        let opened = path == "-" ? fdopen(dup(0), "rb") : fopen(path, "rb")
        guard let opened else {
            throw DocumentError(source: path, reason: .unreadable(String(cString: strerror(errno))))
        }
        file = opened
    }

    deinit {
        free(buffer)
        fclose(file)
    }

    /// The next line without its line terminator, and its 1-based number; nil at the end.
    public func next() -> (number: Int, bytes: [UInt8])? {
        let length = getline(&buffer, &capacity, file)
        guard length >= 0, let buffer else { return nil }
        lineNumber += 1
        var end = length
        while end > 0, buffer[end - 1] == 0x0A || buffer[end - 1] == 0x0D { end -= 1 }
        let bytes = buffer.withMemoryRebound(to: UInt8.self, capacity: end) {
            [UInt8](UnsafeBufferPointer(start: $0, count: end))
        }
        return (lineNumber, bytes)
    }
}
