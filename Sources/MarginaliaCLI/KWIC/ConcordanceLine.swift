import Marginalia

/// One keyword-in-context line: the text before a span, the span, the text after, each
/// on one line (runs of whitespace become one space) and the contexts cut to `width`
/// characters, as AntConc and Sketch Engine show concordances.
///
/// ```swift
/// let line = ConcordanceLine(annotation, text: Array(document.text.utf8), width: 20)
/// print(line.left, "[\(line.hit)]", line.right)   // "…sat beside a" "[blue]" "circle. The…"
/// ```
struct ConcordanceLine: Sendable, Hashable {
    var documentID: String
    var label: String
    var plugin: PluginIdentity
    var score: Double
    /// Code-point offsets of the hit.
    var start: Int
    var end: Int
    var left: String
    var hit: String
    var right: String

    /// The line of a span annotation in a text of these UTF-8 bytes; nil for a document label
    /// (and for a span outside the text or cutting a character, which only a damaged store
    /// holds: see `SpanFit`).
    init?(_ annotation: Annotation, text utf8: [UInt8], width: Int) {
        guard let span = annotation.span, SpanFit.problem(span, in: utf8) == nil else { return nil }
        documentID = annotation.documentID
        label = annotation.label
        plugin = annotation.plugin
        score = annotation.score
        start = span.codePointStart
        end = span.codePointEnd
        // Four bytes a character at most, and a margin for the whitespace that collapses.
        let window = width * 8 + 16
        var from = max(0, span.byteStart - window)
        while from > 0 && from < utf8.count && utf8[from] & 0xC0 == 0x80 { from -= 1 }
        var to = min(utf8.count, span.byteEnd + window)
        while to < utf8.count && utf8[to] & 0xC0 == 0x80 { to += 1 }
        let before = Self.oneLine(String(decoding: utf8[from..<span.byteStart], as: UTF8.self))
        let after = Self.oneLine(String(decoding: utf8[span.byteEnd..<to], as: UTF8.self))
        left = String(before.suffix(width))
        hit = Self.oneLine(String(decoding: utf8[span.byteStart..<span.byteEnd], as: UTF8.self))
        right = String(after.prefix(width))
    }

    /// Whitespace runs (line breaks and tabs included) as one space.
    static func oneLine(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var inSpace = false
        for character in text {
            if character.isWhitespace {
                if !inSpace { out.append(" ") }
                inSpace = true
            } else {
                out.append(character)
                inSpace = false
            }
        }
        return out
    }
}
