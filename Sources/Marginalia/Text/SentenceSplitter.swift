/// Splits news text into sentences.
///
/// A sentence ends:
/// - at every line break (`\n`, `\r`, U+0085, U+2028, U+2029; news text has one
///   paragraph or headline per line, and blank lines therefore split too);
/// - after a run of `.`, `!`, `?`, `…`, plus any closing quotes or brackets
///   (`"` `'` `”` `’` `»` `›` `)` `]` `}`), when followed by whitespace and then an
///   uppercase letter, a decimal digit, or an opening quote (`"` `'` `“` `‘` `«` `„`);
/// - after such a run followed by hyphens or dashes (`-` `–` `—`), with or without
///   whitespace, and then a sentence start: scraped news marks paragraph breaks as
///   `.-` (`"…on Tuesday.- The medical groups…"`, `"…Feb. 11.-The musical…"`). The
///   dashes belong to neither sentence.
///
/// A single `.` does not end a sentence after a common abbreviation (Mr, Mrs,
/// Dr, St, Gen, Lt, Col, U.S, U.N, e.g, i.e, vs, M, Mme — compared
/// case-insensitively) nor after a single capital initial (`J. Herzog`).
/// Consequently a sentence that really ends in `U.S.` is not split there.
/// Spans are trimmed of surrounding whitespace; empty sentences are dropped.
///
/// ```swift
/// let text = "Mr. Smith arrived. He spoke.\nNext headline"
/// SentenceSplitter.sentences(in: text).count   // 3
/// ```
public enum SentenceSplitter {
    /// Sentence spans of a UTF-8 buffer, relative to `bytes.baseAddress`.
    ///
    /// ```swift
    /// let spans = Array("One. Two.".utf8).withUnsafeBufferPointer {
    ///     SentenceSplitter.sentences(inUTF8: $0)
    /// }   // [TextSpan(byteStart: 0, byteEnd: 4), TextSpan(byteStart: 5, byteEnd: 9)]
    /// ```
    public static func sentences(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [TextSpan] {
        guard let p = bytes.baseAddress, bytes.count > 0 else { return [] }
        let n = bytes.count
        func scalar(at i: Int) -> (value: UInt32, length: Int) { TextUTF8.decode(p, at: i, count: n) }

        var result: [TextSpan] = []
        func emit(_ from: Int, _ to: Int) {  // byte offsets, half-open
            var a = from, b = to
            while a < b, case let s = scalar(at: a), isSpace(s.value) { a += s.length }
            while b > a, case let s = TextUTF8.decodeBefore(p, end: b, count: n), isSpace(s.value) { b -= s.length }
            if a < b { result.append(TextSpan(byteStart: a, byteEnd: b)) }
        }

        var segment = 0
        var i = 0
        while i < n {
            // Only these bytes start a line break or a terminator; every other byte is
            // passed over without decoding (none of them is a UTF-8 continuation byte).
            switch p[i] {
            case 0x0A...0x0D, 0x21, 0x2E, 0x3F, 0xC2, 0xE2: break
            default: i += 1; continue
            }
            let (v, length) = scalar(at: i)
            if isLineBreak(v) {
                emit(segment, i)
                segment = i + length
                i += length
                continue
            }
            guard isTerminator(v) else { i += length; continue }
            var end = i + length            // past the terminators, then past the closers
            var terminators = 1
            while end < n, case let s = scalar(at: end), isTerminator(s.value) { end += s.length; terminators += 1 }
            let singlePeriod = terminators == 1 && v == 0x2E
            while end < n, case let s = scalar(at: end), isCloser(s.value) { end += s.length }
            var dashes = end
            while dashes < n, case let s = scalar(at: dashes), isDash(s.value) { dashes += s.length }
            var next = dashes
            while next < n, case let s = scalar(at: next), isSpace(s.value), !isLineBreak(s.value) { next += s.length }
            if next > end, next < n, startsSentence(scalar(at: next).value),
               !(singlePeriod && isAbbreviation(endingAt: i, p, count: n)) {
                emit(segment, end)
                segment = dashes
            }
            i = end
        }
        emit(segment, n)
        return result
    }

    /// Sentence spans of a `String`; offsets index `text.utf8`.
    ///
    /// ```swift
    /// SentenceSplitter.sentences(in: "J. Herzog spoke. Then he left.").count   // 2
    /// ```
    public static func sentences(in text: String) -> [TextSpan] {
        var copy = text
        return copy.withUTF8 { sentences(inUTF8: $0) }
    }

    /// Lowercased abbreviations (without the final period) that do not end a sentence.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "dr", "st", "gen", "lt", "col", "u.s", "u.n", "e.g", "i.e", "vs", "m", "mme",
    ]

    /// The longest entry of `abbreviations`, in bytes: longer words are not looked up.
    static let longestAbbreviation = abbreviations.map(\.utf8.count).max()!

    /// Whether the word right before the period at byte `period` is an abbreviation
    /// or a single capital initial.
    static func isAbbreviation(endingAt period: Int, _ p: UnsafePointer<UInt8>, count n: Int) -> Bool {
        var a = period
        while a > 0 {
            let (w, length) = TextUTF8.decodeBefore(p, end: a, count: n)
            guard w == 0x2E || TextFoldTable.entry(for: w) & TextFoldTable.wordBit != 0 else { break }
            a -= length
        }
        while a < period && p[a] == 0x2E { a += 1 }
        guard a < period else { return false }
        let first = TextUTF8.decode(p, at: a, count: n)
        if a + first.length == period, TextFoldTable.entry(for: first.value) & TextFoldTable.upperBit != 0 { return true }
        guard period - a <= longestAbbreviation else { return false }
        let word = String(decoding: UnsafeBufferPointer(start: p + a, count: period - a), as: UTF8.self)
        return abbreviations.contains(word.lowercased())
    }

    static func isSpace(_ v: UInt32) -> Bool {
        TextFoldTable.entry(for: v) & TextFoldTable.spaceBit != 0
    }

    static func isLineBreak(_ v: UInt32) -> Bool {
        switch v {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func isTerminator(_ v: UInt32) -> Bool {
        v == 0x2E || v == 0x21 || v == 0x3F || v == 0x2026
    }

    /// Hyphen-minus, en dash, em dash.
    static func isDash(_ v: UInt32) -> Bool {
        v == 0x2D || v == 0x2013 || v == 0x2014
    }

    static func isCloser(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x201D, 0x2019, 0xBB, 0x203A, 0x29, 0x5D, 0x7D: return true
        default: return false
        }
    }

    /// Uppercase letter, decimal digit, or opening quote.
    static func startsSentence(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x201C, 0x2018, 0xAB, 0x201E: return true
        default: break
        }
        if TextFoldTable.entry(for: v) & TextFoldTable.upperBit != 0 { return true }
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.generalCategory == .decimalNumber
    }
}
