import Marginalia

/// A titled table of strings that renders as aligned text, CSV (RFC 4180) or JSON: the
/// one shape every command's `--json`/`--csv` output goes through.
///
/// ```swift
/// let table = ReportTable(title: "coverage", columns: ["plugin", "coverage"], rows: [["defense@1.0.0", "0.800"]])
/// print(table.text())   // aligned columns under the title
/// print(table.csv())    // plugin,coverage\ndefense@1.0.0,0.800\n
/// ```
public struct ReportTable: Sendable, Hashable {
    public var title: String
    public var columns: [String]
    public var rows: [[String]]

    public init(title: String, columns: [String], rows: [[String]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// Aligned columns (numbers right-aligned), the title on top.
    public func text() -> String {
        var widths = columns.map { $0.unicodeScalars.count }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.unicodeScalars.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.unicodeScalars.count)
                return Self.looksNumeric(cell) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingWhitespaceAtEnd()
        }
        var out = title.isEmpty ? "" : title + "\n"
        out += line(columns) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    /// CSV with a header line; fields quoted when they need it.
    public func csv() -> String {
        ([columns] + rows).map { $0.map(CSVExporter.field).joined(separator: ",") + "\n" }.joined()
    }

    /// An array of objects, one per row, keyed by column.
    public func json() -> JSONValue {
        .array(rows.map { row in
            .object(Dictionary(uniqueKeysWithValues: zip(columns, row).map { ($0, Self.jsonCell($1)) }))
        })
    }

    /// Numbers become JSON numbers, `n/a` null, everything else a string.
    static func jsonCell(_ cell: String) -> JSONValue {
        if cell == "n/a" { return .null }
        if looksNumeric(cell), let integer = Int64(cell) { return .integer(integer) }
        if looksNumeric(cell), let number = Double(cell) { return .number(number) }
        return .string(cell)
    }

    static func looksNumeric(_ cell: String) -> Bool {
        !cell.isEmpty && cell.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." || $0 == "-" } && Double(cell) != nil
    }

    /// A ratio as `0.833`, or `n/a` when undefined.
    public static func format(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        let thousandths = Int((abs(value) * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return (value < 0 && thousandths > 0 ? "-" : "") + "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

extension String {
    func trimmingWhitespaceAtEnd() -> String {
        var out = self
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }
}
