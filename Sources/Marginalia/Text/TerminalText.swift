/// Text from plugins and inputs made safe for a terminal or a log: control characters are
/// written as Swift-style escapes (`\u{1b}`), so that a plugin name, label, log line or
/// error message can never move the cursor, retitle the window or rewrite the screen.
///
/// Escaped: C0 controls (except newline and tab in ``safe(_:)``), DEL, C1 controls
/// (U+0080–U+009F), and the bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) that make text display in another order than it reads. A backslash is
/// not escaped: the output is for reading, not for parsing back.
///
/// ```swift
/// TerminalText.safe("\u{1b}]0;PWNED\u{7}x")    // "\u{1b}]0;PWNED\u{7}x" as 22 visible characters
/// TerminalText.safeLine("two\nlines")         // "two\u{a}lines"
/// ```
public enum TerminalText {
    /// `text` with every control character but newline and tab escaped.
    public static func safe(_ text: String) -> String { escaped(text, keepingLineBreaks: true) }

    /// `text` on one line: newlines and tabs escaped too (names, labels, table cells).
    public static func safeLine(_ text: String) -> String { escaped(text, keepingLineBreaks: false) }

    /// True when `scalar` would be escaped.
    public static func isControl(_ scalar: Unicode.Scalar, keepingLineBreaks: Bool = false) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return !keepingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func escaped(_ text: String, keepingLineBreaks: Bool) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0, keepingLineBreaks: keepingLineBreaks) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar, keepingLineBreaks: keepingLineBreaks) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
