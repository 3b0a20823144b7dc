/// Converts UTF-8 byte offsets of one text into Unicode code-point offsets, and says
/// whether an offset falls on a character boundary.
///
/// ```swift
/// let index = CodePointIndex("Việt Nam")
/// index.codePointOffset(ofByte: 6)   // 4  ("Việt" is 6 bytes, 4 scalars)
/// index.isBoundary(byte: 3)          // false: inside "ệ"
/// ```
public struct CodePointIndex: Sendable {
    /// The text's UTF-8 bytes.
    public let utf8: [UInt8]
    /// Code points before each 64-byte block; empty for ASCII text (offsets are equal).
    private let blockStarts: [Int32]

    public init(_ text: String) { self.init(utf8: Array(text.utf8)) }

    public init(utf8: [UInt8]) {
        self.utf8 = utf8
        blockStarts = utf8.withUnsafeBufferPointer { bytes in
            guard !TextUTF8.isASCII(bytes) else { return [] }
            var starts: [Int32] = []
            starts.reserveCapacity(bytes.count / 64 + 1)
            var scalars: Int32 = 0
            var offset = 0
            while offset < bytes.count {
                starts.append(scalars)
                let end = min(offset + 64, bytes.count)
                while offset < end {
                    scalars &+= bytes[offset] & 0xC0 != 0x80 ? 1 : 0
                    offset &+= 1
                }
            }
            return starts
        }
    }

    /// True when the text is pure ASCII.
    public var isASCII: Bool { blockStarts.isEmpty }

    /// The number of code points before byte `offset` (0...utf8.count).
    public func codePointOffset(ofByte offset: Int) -> Int {
        precondition(offset >= 0 && offset <= utf8.count, "byte offset \(offset) outside 0...\(utf8.count)")
        if isASCII { return offset }
        let block = offset >> 6
        if block >= blockStarts.count { return codePointCount }
        var count = Int(blockStarts[block])
        var position = block << 6
        while position < offset {
            if utf8[position] & 0xC0 != 0x80 { count += 1 }
            position += 1
        }
        return count
    }

    /// The total number of code points.
    public var codePointCount: Int {
        if isASCII { return utf8.count }
        var count = Int(blockStarts[blockStarts.count - 1])
        for byte in utf8[((blockStarts.count - 1) << 6)...] where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// True when `byte` is 0, the end, or the first byte of a UTF-8 sequence.
    public func isBoundary(byte offset: Int) -> Bool {
        offset == 0 || offset == utf8.count || (offset > 0 && offset < utf8.count && utf8[offset] & 0xC0 != 0x80)
    }
}
