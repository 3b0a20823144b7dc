import CZlib

/// Decompresses a gzip stream (a `.gz` file, possibly several members back to back, as
/// `cat a.gz b.gz` makes) chunk by chunk with zlib: memory stays at two buffers whatever
/// the file size.
///
/// zlib is used directly (the `CZlib` system library, Debian's zlib1g-dev) rather than
/// through compress-nio: that package links the same system zlib but brings SwiftNIO's
/// `ByteBuffer` and several minutes of build on two cores, for what is here one
/// streaming `inflate` loop over a file.
///
/// ```swift
/// let source = try GzipByteSource(FileByteSource(path: "news.jsonl.gz"))
/// let lines = LineReader(source: source, name: "news.jsonl.gz")
/// ```
public final class GzipByteSource: ByteSource {
    private let input: any ByteSource
    private let name: String
    private var stream = z_stream()
    private var inputBuffer: UnsafeMutableRawBufferPointer
    private var inputAtEnd = false
    private var memberEnded = false
    private var finished = false

    /// Wraps `input`; `name` is used in errors (defaults to the file's path).
    public init(_ input: FileByteSource, name: String? = nil) throws(DocumentError) {
        self.input = input
        self.name = name ?? input.path
        inputBuffer = .allocate(byteCount: 1 << 16, alignment: 16)
        // 15 + 32: a full window, and accept gzip or zlib headers.
        let status = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            inputBuffer.deallocate()
            throw DocumentError(source: self.name, reason: .unreadable("cannot start gzip decompression (zlib status \(status))"))
        }
    }

    deinit {
        inflateEnd(&stream)
        inputBuffer.deallocate()
    }

    public var rawBytesRead: Int { input.rawBytesRead }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(DocumentError) -> Int {
        guard !finished, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.next_out = base.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(min(buffer.count, Int(UInt32.max)))
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !inputAtEnd {
                let count = try input.read(into: inputBuffer)
                if count == 0 { inputAtEnd = true }
                stream.next_in = inputBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(count)
            }
            if memberEnded {
                // Another gzip member follows the one that ended, or the file ends here.
                if stream.avail_in == 0 && inputAtEnd { finished = true; break }
                if stream.avail_in == 0 { continue }
                inflateReset(&stream)
                memberEnded = false
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_STREAM_END:
                memberEnded = true
            case Z_OK:
                break
            case Z_BUF_ERROR where stream.avail_in == 0 && inputAtEnd:
                throw DocumentError(source: name, reason: .unreadable("the gzip data ends early (truncated file)"))
            case Z_BUF_ERROR:
                break
            default:
                let detail = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw DocumentError(source: name, reason: .unreadable("corrupt gzip data: \(detail)"))
            }
        }
        return buffer.count - Int(stream.avail_out)
    }
}
