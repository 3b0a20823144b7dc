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

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
