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
        // Decode once: scalar values and their start offsets (plus a sentinel end).
        var values: [UInt32] = []
        var starts: [Int] = []
        values.reserveCapacity(n)
        starts.reserveCapacity(n + 1)
        var i = 0
        while i < n {
            let (v, len) = TextUTF8.decode(p, at: i, count: n)
            values.append(v)
            starts.append(i)
            i += len
        }
        starts.append(n)
        let count = values.count

        var result: [TextSpan] = []
        func emit(_ from: Int, _ to: Int) {  // scalar indices, half-open
            var a = from, b = to
            while a < b && isSpace(values[a]) { a += 1 }
            while b > a && isSpace(values[b - 1]) { b -= 1 }
            if a < b { result.append(TextSpan(byteStart: starts[a], byteEnd: starts[b])) }
        }

        var segment = 0
        var k = 0
        while k < count {
            let v = values[k]
            if isLineBreak(v) {
                emit(segment, k)
                segment = k + 1
                k += 1
                continue
            }
            guard isTerminator(v) else { k += 1; continue }
            var last = k
            while last + 1 < count && isTerminator(values[last + 1]) { last += 1 }
            let singlePeriod = last == k && v == 0x2E
            while last + 1 < count && isCloser(values[last + 1]) { last += 1 }
            var dashes = last + 1
            while dashes < count && isDash(values[dashes]) { dashes += 1 }
            var next = dashes
            while next < count && isSpace(values[next]) && !isLineBreak(values[next]) { next += 1 }
            if next > last + 1, next < count, startsSentence(values[next]),
               !(singlePeriod && isAbbreviation(endingAt: k, values)) {
                emit(segment, last + 1)
                segment = dashes
            }
            k = last + 1
        }
        emit(segment, count)
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

    /// Whether the word right before the period at `period` is an abbreviation
    /// or a single capital initial.
    static func isAbbreviation(endingAt period: Int, _ values: [UInt32]) -> Bool {
        var a = period
        while a > 0 {
            let w = values[a - 1]
            guard w == 0x2E || TextFoldTable.entry(for: w) & TextFoldTable.wordBit != 0 else { break }
            a -= 1
        }
        while a < period && values[a] == 0x2E { a += 1 }
        guard a < period else { return false }
        if period - a == 1, TextFoldTable.entry(for: values[a]) & TextFoldTable.upperBit != 0 { return true }
        var word = ""
        for v in values[a..<period] {
            guard let s = Unicode.Scalar(v) else { return false }
            word.unicodeScalars.append(s)
        }
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
