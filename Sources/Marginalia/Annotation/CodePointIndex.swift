/// Converts UTF-8 byte offsets of one text into Unicode code-point offsets, and says
/// whether an offset falls on a character boundary.
///
/// An index made from a `String` reads that string's own UTF-8 storage (it keeps the
/// string, not a copy of its bytes); one made from bytes keeps the bytes, valid UTF-8 or not.
///
/// ```swift
/// let index = CodePointIndex("Việt Nam")
/// index.codePointOffset(ofByte: 6)   // 4  ("Việt" is 6 bytes, 4 scalars)
/// index.isBoundary(byte: 3)          // false: inside "ệ"
/// index.byteCount                    // 10
/// ```
public struct CodePointIndex: Sendable {
    /// Where the bytes are: the text's own storage, or the bytes given.
    @usableFromInline enum Storage: Sendable {
        case text(String)
        case bytes([UInt8])
    }
    @usableFromInline let storage: Storage
    /// The length of the text in UTF-8 bytes.
    public let byteCount: Int
    /// The total number of code points.
    public let codePointCount: Int
    /// Code points before each 64-byte block; empty for ASCII text (offsets are equal).
    private let blockStarts: [Int32]

    /// An index over `text`'s own UTF-8 (made contiguous first if it is not, as a bridged
    /// string may be: then that one copy is kept).
    public init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        let (starts, count) = text.withUTF8 { Self.blockStarts(of: $0) }
        storage = .text(text)
        byteCount = text.utf8.count
        blockStarts = starts
        codePointCount = count
    }

    /// An index over `utf8`, which may be invalid UTF-8 (every byte that is not a
    /// continuation byte starts a code point).
    public init(utf8: [UInt8]) {
        let (starts, count) = utf8.withUnsafeBufferPointer { Self.blockStarts(of: $0) }
        storage = .bytes(utf8)
        byteCount = utf8.count
        blockStarts = starts
        codePointCount = count
    }

    /// Calls `body` with the text's UTF-8 bytes (no copy), valid only during the call.
    ///
    /// ```swift
    /// let first = CodePointIndex("Hà Nội").withUTF8 { $0.first }   // 72 ("H")
    /// ```
    @inlinable
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        switch storage {
        case .text(let text):
            // A native string (which `init` made it) always lends its storage.
            if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
            return try Array(text.utf8).withUnsafeBufferPointer(body)
        case .bytes(let bytes):
            return try bytes.withUnsafeBufferPointer(body)
        }
    }

    /// A copy of the text's UTF-8 bytes (``withUTF8(_:)`` and ``byteCount`` read them
    /// without one).
    ///
    /// ```swift
    /// CodePointIndex("Hà").utf8   // [72, 195, 160]
    /// ```
    public var utf8: [UInt8] { withUTF8 { Array($0) } }

    /// True when the text is pure ASCII.
    public var isASCII: Bool { blockStarts.isEmpty }

    /// The number of code points before byte `offset` (0...byteCount).
    public func codePointOffset(ofByte offset: Int) -> Int {
        precondition(offset >= 0 && offset <= byteCount, "byte offset \(offset) outside 0...\(byteCount)")
        if isASCII { return offset }
        let block = offset >> 6
        if block >= blockStarts.count { return codePointCount }
        let start = block << 6
        return Int(blockStarts[block]) + withUTF8 { Self.codePointStarts(in: $0, from: start, to: offset) }
    }

    /// True when `byte` is 0, the end, or the first byte of a UTF-8 sequence.
    public func isBoundary(byte offset: Int) -> Bool {
        if offset == 0 || offset == byteCount { return true }
        guard offset > 0 && offset < byteCount else { return false }
        if isASCII { return true }
        return withUTF8 { $0[offset] & 0xC0 != 0x80 }
    }

    /// The code points before each 64-byte block of `bytes` (none when they are ASCII) and
    /// the code points of all of them.
    private static func blockStarts(of bytes: UnsafeBufferPointer<UInt8>) -> (starts: [Int32], count: Int) {
        guard !TextUTF8.isASCII(bytes) else { return ([], bytes.count) }
        var starts: [Int32] = []
        starts.reserveCapacity(bytes.count / 64 + 1)
        var scalars = 0
        var offset = 0
        while offset < bytes.count {
            starts.append(Int32(truncatingIfNeeded: scalars))
            let end = min(offset + 64, bytes.count)
            scalars += codePointStarts(in: bytes, from: offset, to: end)
            offset = end
        }
        return (starts, scalars)
    }

    /// How many bytes of `bytes[start..<end]` (at most 64) start a code point, i.e. are
    /// not continuation bytes 10xxxxxx: eight bytes at a time, then one at a time. In each
    /// word, `(~w >> 7 | w >> 6) & 0x01…01` has a 1 in every byte whose top bit is clear or
    /// whose next bit is set; the byte lanes are summed up once, by one multiplication
    /// (exact while the total stays below 256).
    @inline(__always)
    private static func codePointStarts(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        assert(end &- start <= 64, "codePointStarts counts at most one 64-byte block")
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return 0 }
        let ones: UInt64 = 0x0101_0101_0101_0101
        var lanes: UInt64 = 0
        var offset = start
        while end &- offset >= 8 {
            let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            lanes &+= (~word >> 7 | word >> 6) & ones
            offset &+= 8
        }
        var count = Int(truncatingIfNeeded: (lanes &* ones) >> 56)
        while offset < end {
            if bytes[offset] & 0xC0 != 0x80 { count &+= 1 }
            offset &+= 1
        }
        return count
    }
}
