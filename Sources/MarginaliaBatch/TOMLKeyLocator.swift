import Foundation

/// Finds the line of a key in TOML text, so that errors about a value can point at it.
/// Understands `[table]` headers, dotted headers and `key = value` lines; enough for
/// messages, not a parser.
///
/// ```swift
/// let lines = TOMLKeyLocator(text: "[params.defense]\nmin_hits = 3\n")
/// lines.line(of: "min_hits", inTable: "params.defense")   // 2
/// lines.line(of: "defense", inTable: "params")            // 1
/// ```
struct TOMLKeyLocator {
    private var entries: [(table: String, key: String, line: Int)] = []

    init(text: String) {
        var table = ""
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") && !line.hasPrefix("[[") {
                let name = line.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                table = name
                var parts = name.split(separator: ".").map(String.init)
                if let last = parts.popLast() {
                    entries.append((parts.joined(separator: "."), last, offset + 1))
                }
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                entries.append((table, key, offset + 1))
            }
        }
    }

    /// The first line defining `key` in `table` ("" for the top level).
    func line(of key: String, inTable table: String? = nil) -> Int? {
        entries.first { $0.key == key && $0.table == (table ?? "") }?.line
    }
}
