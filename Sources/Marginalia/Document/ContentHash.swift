import Crypto

/// SHA-256 content hashes, lower-case hex: the identity of texts and plugin sources.
///
/// ```swift
/// ContentHash.sha256Hex(Array("abc".utf8)).prefix(8)   // "ba7816bf"
/// ```
public enum ContentHash {
    /// The hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return hex(hasher.finalize())
    }

    /// The hex SHA-256 of a text's UTF-8 bytes, hashed where they are (no copy).
    ///
    /// ```swift
    /// ContentHash.sha256Hex(ofText: "abc") == ContentHash.sha256Hex(Array("abc".utf8))   // true
    /// ```
    public static func sha256Hex(ofText text: String) -> String {
        var hasher = SHA256()
        var copy = text
        copy.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hex(hasher.finalize())
    }

    /// The hex SHA-256 of several byte strings, each prefixed by its length so that
    /// different splits of the same bytes never collide.
    public static func sha256Hex(parts: [[UInt8]]) -> String {
        var hasher = SHA256()
        for part in parts {
            var length = UInt64(part.count).littleEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            hasher.update(data: part)
        }
        return hex(hasher.finalize())
    }

    /// The lower-case hex of a digest, written straight into the string's storage.
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count * 2) { out in
                for (index, byte) in bytes.enumerated() {
                    out[2 &* index] = hexDigit(byte >> 4)
                    out[2 &* index &+ 1] = hexDigit(byte & 0x0F)
                }
                return bytes.count * 2
            }
        }
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") &+ value : UInt8(ascii: "a") &+ (value &- 10)
    }
}
