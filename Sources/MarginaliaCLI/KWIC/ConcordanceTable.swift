import Marginalia
import MarginaliaPresentation

/// How `marginalia kwic` prints concordance lines: as a table (CSV and JSON) or aligned
/// on the hit for reading.
///
/// ```swift
/// print(ConcordanceTable.aligned(lines, width: 30))
/// // c1  A red square sat beside a  blue  circle. The red one won.
/// ```
enum ConcordanceTable {
    static let columns = ["document", "start", "end", "label", "plugin", "version", "score", "left", "hit", "right"]

    static func table(_ lines: [ConcordanceLine]) -> ReportTable {
        ReportTable(title: "", columns: columns, rows: lines.map { line in
            [line.documentID, String(line.start), String(line.end), line.label, line.plugin.name, line.plugin.version,
             JSONValue.number(line.score).serialized(), line.left, line.hit, line.right]
        })
    }

    /// Document ids in one column, left contexts right-aligned to `width` characters, the
    /// hits in one column (padded to the longest; a hit over 30 characters is shortened in
    /// its middle, as `first words … last words`) and the right contexts after them.
    static func aligned(_ lines: [ConcordanceLine], width: Int) -> String {
        let idWidth = lines.map(\.documentID.count).max() ?? 0
        let hitWidth = min(30, lines.map(\.hit.count).max() ?? 0)
        var out = ""
        for line in lines {
            out += pad(line.documentID, to: idWidth) + "  "
            out += String(repeating: " ", count: max(0, width - line.left.count)) + line.left + "  "
            out += pad(shortened(line.hit), to: hitWidth) + "  " + line.right
            while out.hasSuffix(" ") { out.removeLast() }
            out += "\n"
        }
        return out
    }

    /// Context characters per side so that a line fits a terminal of `columns` (ids and
    /// hits of typical length: 20 and 14), at least 10.
    static func fittingWidth(columns: Int) -> Int { max(10, (columns - 20 - 14 - 6) / 2) }

    static func shortened(_ hit: String, to limit: Int = 30) -> String {
        guard hit.count > limit else { return hit }
        return String(hit.prefix(limit / 2 - 1)) + "…" + String(hit.suffix(limit - limit / 2))
    }

    private static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
