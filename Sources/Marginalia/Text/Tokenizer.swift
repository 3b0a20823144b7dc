/// Splits UTF-8 text into word and punctuation tokens.
///
/// - A *word* is a maximal run of word scalars (letters, decimal digits,
///   combining marks — see ``TextFolding/isWordScalar(_:)``). A single joiner
///   between two word scalars keeps the word together: apostrophes `'` `’` `ʼ`,
///   hyphens `-` `‐` `‑`, and the period `.` — so `T-54`, `don't`, `U.S` and
///   `3.5` are one token each (a trailing period is its own token).
/// - Every other non-whitespace scalar is a one-scalar punctuation token
///   (a malformed UTF-8 byte is a one-byte token).
/// - Whitespace is skipped.
///
/// ```swift
/// let text = "Hà Nội's T-54 (3.5 t)."
/// Tokenizer.tokens(in: text).map { String(decoding: Array(text.utf8)[$0.byteStart..<$0.byteEnd], as: UTF8.self) }
/// // ["Hà", "Nội's", "T-54", "(", "3.5", "t", ")", "."]
/// ```
public enum Tokenizer {
    /// Tokens of a UTF-8 buffer as byte spans relative to `bytes.baseAddress`.
    ///
    /// ```swift
    /// let spans = Array("don't stop".utf8).withUnsafeBufferPointer { Tokenizer.tokens(inUTF8: $0) }
    /// // [TextSpan(byteStart: 0, byteEnd: 5), TextSpan(byteStart: 6, byteEnd: 10)]
    /// ```
    public static func tokens(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [TextSpan] {
        guard let p = bytes.baseAddress, bytes.count > 0 else { return [] }
        let n = bytes.count
        var result: [TextSpan] = []
        var i = 0
        while i < n {
            let (v, len) = TextUTF8.decode(p, at: i, count: n)
            let e = TextFoldTable.entry(for: v)
            if e & TextFoldTable.spaceBit != 0 {
                i += len
                continue
            }
            guard e & TextFoldTable.wordBit != 0 else {
                result.append(TextSpan(byteStart: i, byteEnd: i + len))
                i += len
                continue
            }
            var j = i + len
            while j < n {
                let (w, wl) = TextUTF8.decode(p, at: j, count: n)
                if TextFoldTable.entry(for: w) & TextFoldTable.wordBit != 0 {
                    j += wl
                    continue
                }
                guard isJoiner(w), j + wl < n else { break }
                let (x, xl) = TextUTF8.decode(p, at: j + wl, count: n)
                guard TextFoldTable.entry(for: x) & TextFoldTable.wordBit != 0 else { break }
                j += wl + xl
            }
            result.append(TextSpan(byteStart: i, byteEnd: j))
            i = j
        }
        return result
    }

    /// Tokens of a `String`; offsets index `text.utf8`.
    ///
    /// ```swift
    /// Tokenizer.tokens(in: "U.S. troops").count   // 3: "U.S", ".", "troops"
    /// ```
    public static func tokens(in text: String) -> [TextSpan] {
        var copy = text
        return copy.withUTF8 { tokens(inUTF8: $0) }
    }

    /// Apostrophes, hyphens and the period, which join two word scalars.
    static func isJoiner(_ v: UInt32) -> Bool {
        switch v {
        case 0x27, 0x2019, 0x02BC, 0x2D, 0x2010, 0x2011, 0x2E: return true
        default: return false
        }
    }
}
