import CZlib

/// Compresses bytes into one gzip member with zlib, with a header that carries no time,
/// no file name and no operating system (RFC 1952: MTIME 0, OS 255), so that the output
/// depends only on the input (and zlib's deflate, unchanged in its output for years).
///
/// ```swift
/// let gz = try GzipCompressor.compress(TarWriter().finish())   // gunzip gives the tar back
/// ```
public enum GzipCompressor {
    /// The gzip file of `bytes`, compressed at zlib's best level.
    public static func compress(_ bytes: [UInt8]) throws(GzipCompressionError) -> [UInt8] {
        var stream = z_stream()
        // Raw deflate (negative window bits): the header and trailer are written here.
        guard deflateInit2_(&stream, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw GzipCompressionError(message: "cannot start zlib's deflate")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(bytes.count)))
        var output = [UInt8](repeating: 0, count: bound + 64)
        var input = bytes
        let written: Int = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                let status = deflate(&stream, Z_FINISH)
                return status == Z_STREAM_END ? target.count - Int(stream.avail_out) : -1
            }
        }
        guard written >= 0 else { throw GzipCompressionError(message: "zlib's deflate did not finish") }
        let crc = bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        let size = UInt32(truncatingIfNeeded: bytes.count)
        var gzip: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 2, 255]
        gzip += output[..<written]
        for value in [crc, size] { gzip += (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        return gzip
    }
}

/// zlib could not compress.
public struct GzipCompressionError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
