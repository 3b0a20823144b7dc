/// Wraps the lines ArgumentParser leaves long: a `USAGE:` line is broken between its
/// options (never inside `[--flag <value>]`), continuation lines indented under the first
/// option; every other line is left as it is.
///
/// ```swift
/// HelpWrapping.wrap("USAGE: marginalia export [--store <file>] [--plugin <plugin>] …", width: 40)
/// // USAGE: marginalia export [--store <file>]
/// //                          [--plugin <plugin>] …
/// ```
enum HelpWrapping {
    static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("USAGE: ") && line.count > width ? wrapUsage(String(line), width: width) : String(line)
        }.joined(separator: "\n")
    }

    /// `USAGE: marginalia sub [a] [b] …`: the words up to the first option or argument
    /// stay together, then one option group after another.
    static func wrapUsage(_ line: String, width: Int) -> String {
        let tokens = groups(line)
        guard let first = tokens.firstIndex(where: { $0.hasPrefix("[") || $0.hasPrefix("-") || $0.hasPrefix("<") }) else { return line }
        let head = tokens[..<first].joined(separator: " ") + " "
        let indent = String(repeating: " ", count: min(head.count, width / 2))
        var lines: [String] = []
        var current = head
        for token in tokens[first...] {
            let atStart = current == head || current == indent
            if !atStart && current.count + 1 + token.count > width {
                lines.append(current)
                current = indent + token
            } else {
                current += (atStart ? "" : " ") + token
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// Words split at spaces outside brackets: `[--from <YYYY-MM-DD>]` is one group.
    static func groups(_ line: String) -> [String] {
        var groups: [String] = []
        var current = ""
        var depth = 0
        for character in line {
            if character == "[" || character == "<" { depth += 1 }
            if character == "]" || character == ">" { depth -= 1 }
            if character == " " && depth == 0 {
                if !current.isEmpty { groups.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }
}
