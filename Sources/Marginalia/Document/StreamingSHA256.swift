import Crypto

/// An incremental SHA-256 whose hex digest can be read once at the end.
///
/// ```swift
/// var hasher = StreamingSHA256()
/// hasher.update(UnsafeRawBufferPointer(start: pointer, count: n))
/// print(hasher.hexDigest())
/// ```
public struct StreamingSHA256 {
    private var hasher = SHA256()

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    /// Lower-case hex digest of everything so far.
    public func hexDigest() -> String {
        ContentHash.hex(hasher.finalize())
    }

    /// The SHA-256 of a whole file, streamed in 1 MiB chunks.
    ///
    /// ```swift
    /// let hash = try StreamingSHA256.ofFile(atPath: "news.jsonl.gz")
    /// ```
    public static func ofFile(atPath path: String) throws(DocumentError) -> String {
        let source = try FileByteSource(path: path, hashing: true)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        while try source.read(into: chunk) > 0 {}
        return source.contentSHA256!
    }
}
