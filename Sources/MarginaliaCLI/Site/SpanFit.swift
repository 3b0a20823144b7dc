import Marginalia

/// Whether a stored span can be cut out of its document's text: within the text and on
/// character boundaries. Only a damaged or foreign store holds one that cannot (the
/// store refuses them when it writes); pages show such a span as a note instead of
/// cutting the text there, in the words `marginalia check` uses.
///
/// ```swift
/// SpanFit.problem(span, in: Array("Hà Nội".utf8))   // nil, or "bytes 2..<3 cut a UTF-8 sequence"
/// ```
enum SpanFit {
    static func problem(_ span: Span, in utf8: [UInt8]) -> String? {
        let (start, end) = (span.byteStart, span.byteEnd)
        guard 0 <= start, start <= end, end <= utf8.count else {
            return "bytes \(start)..<\(end) are outside the text (\(utf8.count) bytes)"
        }
        func isBoundary(_ offset: Int) -> Bool { offset == utf8.count || utf8[offset] & 0xC0 != 0x80 }
        guard isBoundary(start), isBoundary(end) else { return "bytes \(start)..<\(end) cut a UTF-8 sequence" }
        return nil
    }
}
