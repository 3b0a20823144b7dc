/// HTML text escaping for the report and the web app.
///
/// ```swift
/// HTML.escape("<b> & \"x\"")   // "&lt;b&gt; &amp; &quot;x&quot;"
/// HTML.escape("a\u{0}b")        // "a␀b"
/// ```
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'`; control characters but tab and line ends become
    /// their visible pictures (U+2400…, `␀` for NUL), which a browser would otherwise drop
    /// or refuse, so a text holding them still shows every character.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}": out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case "\u{7F}": out += "\u{2421}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
