import Foundation

/// Something corpus bytes are read from in chunks: a file, standard input, or a
/// decompressor over one of them.
///
/// ```swift
/// let source = try FileByteSource(path: "news.jsonl")
/// var chunk = [UInt8](repeating: 0, count: 1 << 16)
/// let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }   // 0 at the end
/// ```
public protocol ByteSource: AnyObject {
    /// Fills the start of `buffer`; returns how many bytes it wrote, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DocumentError) -> Int
    /// Bytes taken from the underlying file so far (compressed bytes for a decompressor).
    var rawBytesRead: Int { get }
}

/// A file (or standard input for `-`) read with `read(2)`, optionally hashing every byte
/// as it passes so that a whole-file content hash costs no second pass.
///
/// ```swift
/// let source = try FileByteSource(path: "news.jsonl", hashing: true)
/// // … read to the end …
/// print(source.contentSHA256 ?? "")
/// ```
public final class FileByteSource: ByteSource {
    /// The path as given (`-` for standard input).
    public let path: String
    private let descriptor: Int32
    private var hasher: StreamingSHA256?
    public private(set) var rawBytesRead = 0
    private var finished = false

    /// Opens `path`; throws a `DocumentError` naming it when that fails.
    public init(path: String, hashing: Bool = false) throws(DocumentError) {
        self.path = path
        let descriptor = path == "-" ? dup(0) : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DocumentError(source: path, reason: .unreadable(String(cString: strerror(errno))))
        }
        self.descriptor = descriptor
        if hashing { hasher = StreamingSHA256() }
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(DocumentError) -> Int {
        guard !finished, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Foundation.read(descriptor, base, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw DocumentError(source: path, reason: .unreadable(String(cString: strerror(errno))))
            }
            if count == 0 { finished = true }
            rawBytesRead += count
            hasher?.update(UnsafeRawBufferPointer(start: base, count: count))
            return count
        }
    }

    /// The SHA-256 of every byte read, once the end was reached; nil before or without hashing.
    public var contentSHA256: String? { finished ? hasher?.hexDigest() : nil }
}
