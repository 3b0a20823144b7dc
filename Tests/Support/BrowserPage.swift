import Foundation

/// Reading back what headless Chromium built: the text of an element without its tags,
/// and each highlighted span's text joined from the `<mark data-spans="…">` pieces.
///
/// ```swift
/// let spans = BrowserPage.highlightedSpans(in: articleHTML)   // [1: "red", 2: "blue", …]
/// ```
public enum BrowserPage {
    /// Serialised HTML text without its tags and with its character references resolved.
    public static func plainText(_ html: String) -> String {
        var out = "", inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { out.append(character) }
        }
        for (reference, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", "\u{A0}"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: reference, with: character)
        }
        return out
    }

    /// For each span number in `data-spans`, the text of the marks that carry it, in order.
    public static func highlightedSpans(in html: String) -> [Int: String] {
        var spans: [Int: String] = [:]
        for piece in html.components(separatedBy: "<mark class=\"span\" data-spans=\"").dropFirst() {
            let numbers = piece.prefix { $0 != "\"" }.split(separator: " ").compactMap { Int($0) }
            guard let open = piece.firstIndex(of: ">"), let close = piece.range(of: "</mark>") else { continue }
            let text = plainText(String(piece[piece.index(after: open)..<close.lowerBound]))
            for number in numbers { spans[number, default: ""] += text }
        }
        return spans
    }

    /// Each KWIC line of a page as (document id, hit): the `<tr>` rows of its `kwic` table.
    public static func kwicLines(in html: String) -> [(document: String, hit: String)] {
        html.components(separatedBy: "<tr><td class=\"doc\">").dropFirst().compactMap { row in
            guard let hitStart = row.range(of: "<td class=\"hit\">"), let hitEnd = row.range(of: "</td>", range: hitStart.upperBound..<row.endIndex),
                  let linkEnd = row.range(of: "</a>") else { return nil }
            let document = plainText(String(row[..<linkEnd.lowerBound]))
            return (document, plainText(String(row[hitStart.upperBound..<hitEnd.lowerBound])))
        }
    }

    /// How many times `needle` occurs in `text`.
    public static func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// Headless Chromium's DOM of `url`, with every host name but 127.0.0.1 unresolvable
    /// (so only the local server and files load).
    public static func dumpDOM(_ url: String, chromium: String, profile: String) throws -> String {
        let browser = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                       "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--dump-dom", url]
        let timeout = ChildProcess.which("timeout") ?? "/usr/bin/timeout"
        let result = try ChildProcess.run(program: timeout, ["120"] + browser)
        guard result.status == 0 else { throw LoopbackHTTP.Failure(description: "chromium failed on \(url): \(result.stderr)") }
        return result.stdout
    }
}
