/// Internal, allocation-free UTF-8 helpers shared by the text layer.
///
/// All functions take a raw base pointer plus the buffer length and never read
/// outside `0..<count`. Malformed input (bad lead bytes, truncated sequences,
/// overlong forms, surrogates, values above U+10FFFF) decodes as a one-byte
/// "malformed" unit whose value is ``TextUTF8/malformed``.
///
/// ```swift
/// let (value, length) = TextUTF8.decode(base, at: 0, count: n)
/// ```
enum TextUTF8 {
    /// Sentinel scalar value reported for a malformed byte (not a valid scalar).
    static let malformed: UInt32 = 0xFFFF_FFFF

    /// Decodes the scalar starting at `i` (requires `i < count`).
    /// Returns the scalar value (or ``malformed``) and its length in bytes (1...4).
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, at i: Int, count n: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xC2 { return (malformed, 1) }
        if b0 < 0xE0 {
            guard i &+ 1 < n else { return (malformed, 1) }
            let b1 = UInt32(p[i &+ 1])
            guard b1 & 0xC0 == 0x80 else { return (malformed, 1) }
            return (((b0 & 0x1F) << 6) | (b1 & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard i &+ 2 < n else { return (malformed, 1) }
            let b1 = UInt32(p[i &+ 1]), b2 = UInt32(p[i &+ 2])
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return (malformed, 1) }
            if b0 == 0xE0 && b1 < 0xA0 { return (malformed, 1) }   // overlong
            if b0 == 0xED && b1 >= 0xA0 { return (malformed, 1) }  // surrogate
            return (((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F), 3)
        }
        if b0 < 0xF5 {
            guard i &+ 3 < n else { return (malformed, 1) }
            let b1 = UInt32(p[i &+ 1]), b2 = UInt32(p[i &+ 2]), b3 = UInt32(p[i &+ 3])
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return (malformed, 1) }
            if b0 == 0xF0 && b1 < 0x90 { return (malformed, 1) }   // overlong
            if b0 == 0xF4 && b1 >= 0x90 { return (malformed, 1) }  // > U+10FFFF
            return (((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F), 4)
        }
        return (malformed, 1)
    }

    /// Decodes the scalar that ends exactly at `end` (requires `end > 0`).
    /// For valid UTF-8 this is the scalar before `end`; otherwise the byte at
    /// `end - 1` is reported as ``malformed`` with length 1.
    @inline(__always)
    static func decodeBefore(_ p: UnsafePointer<UInt8>, end: Int, count n: Int) -> (value: UInt32, length: Int) {
        let last = p[end &- 1]
        if last < 0x80 { return (UInt32(last), 1) }
        var k = 1
        while k <= 4 && end &- k >= 0 {
            let b = p[end &- k]
            if b & 0xC0 != 0x80 {
                let d = decode(p, at: end &- k, count: n)
                if d.value != malformed && d.length == k { return d }
                return (malformed, 1)
            }
            k &+= 1
        }
        return (malformed, 1)
    }

    /// Appends the UTF-8 encoding of a valid scalar value to `out`.
    static func append(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}

extension TextUTF8 {
    /// The number of Unicode scalars of a (valid UTF-8) string, counted over its bytes:
    /// every byte that is not a continuation byte starts one.
    ///
    /// ```swift
    /// TextUTF8.scalarCount("Hà Nội")   // 6
    /// ```
    static func scalarCount(_ text: String) -> Int {
        var copy = text
        return copy.withUTF8 { bytes in
            guard let base = UnsafeRawPointer(bytes.baseAddress) else { return 0 }
            // Sixteen bytes at a time: a continuation byte (10xxxxxx) is below -64 as a
            // signed byte. Each byte lane of `lanes` counts the continuation bytes seen at
            // its position (at most 255 blocks per round, so no lane overflows); the lanes
            // are added up, widened, at the end of each round.
            var continuations = 0
            var offset = 0
            let continuationBelow = SIMD16<Int8>(repeating: -64)
            let zero = SIMD16<UInt8>(repeating: 0)
            let one = SIMD16<UInt8>(repeating: 1)
            while offset &+ 16 <= bytes.count {
                var lanes = zero
                let roundEnd = min(bytes.count, offset &+ 255 &* 16)
                while offset &+ 16 <= roundEnd {
                    let block = base.loadUnaligned(fromByteOffset: offset, as: SIMD16<Int8>.self)
                    lanes &+= zero.replacing(with: one, where: block .< continuationBelow)
                    offset &+= 16
                }
                continuations &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
            }
            while offset < bytes.count {
                if bytes[offset] & 0xC0 == 0x80 { continuations &+= 1 }
                offset &+= 1
            }
            return bytes.count &- continuations
        }
    }
}

extension TextUTF8 {
    /// True when every byte is ASCII, tested 32 bytes a step (most texts are ASCII, and for
    /// them this is all a ``CodePointIndex`` costs).
    ///
    /// ```swift
    /// Array("Hanoi".utf8).withUnsafeBufferPointer { TextUTF8.isASCII($0) }   // true
    /// ```
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return true }
        var high: UInt64 = 0
        var offset = 0
        while bytes.count &- offset >= 32 {
            high |= base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                | base.loadUnaligned(fromByteOffset: offset &+ 8, as: UInt64.self)
                | base.loadUnaligned(fromByteOffset: offset &+ 16, as: UInt64.self)
                | base.loadUnaligned(fromByteOffset: offset &+ 24, as: UInt64.self)
            offset &+= 32
        }
        while offset < bytes.count {
            high |= UInt64(bytes[offset])
            offset &+= 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }
}
