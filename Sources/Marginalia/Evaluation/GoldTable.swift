/// Hand document labels in the TSV shape of `seeds/gold.tsv`: `#` comment lines, a header
/// `document<TAB>topic…`, then one row per document whose cells are `1` (label
/// `topic:<column>` should be present), `0` (absent) or `?` (not scored). A column whose
/// name already looks like a label (it holds `:` or `.`, e.g. `un.vote`) is used as is.
/// A column named `split` (as in `Tests/Gold/news-en.tsv`: `dev`, `test`) is not a label
/// but the row's split, chosen with `inSplit(_:)`.
///
/// ```swift
/// let gold = try GoldTable.parse(text, file: "seeds/gold.tsv")
/// gold.labels                     // ["topic:defense", "topic:agriculture", …]
/// gold.rows[0].cells["topic:defense"]   // Optional(true)
/// ```
public struct GoldTable: Sendable, Hashable {
    /// One document's hand labels; a nil cell is not scored.
    public struct Row: Sendable, Hashable {
        public var documentID: String
        public var line: Int
        public var cells: [String: Bool?]
        /// The `split` column's value, when the table has one.
        public var split: String?
    }

    /// The name of the column that holds each row's split rather than a label.
    public static let splitColumn = "split"

    public var file: String
    public var labels: [String]
    public var rows: [Row]

    /// Parses the table; throws an `InputError` naming the file and line of a bad row.
    public static func parse(_ text: String, file: String) throws -> GoldTable {
        var header: [String]?
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
            guard let columns = header else {
                guard fields.count >= 2, fields[0] == "document" else {
                    throw InputError(file: file, line: number, message: "expected the header 'document<TAB>topic<TAB>…'")
                }
                header = Array(fields.dropFirst())
                continue
            }
            guard fields.count == columns.count + 1 else {
                throw InputError(file: file, line: number, message: "\(fields.count) tab-separated fields, the header has \(columns.count + 1)")
            }
            if let earlier = seen[fields[0]] {
                throw InputError(file: file, line: number, message: "document '\(fields[0])' already has a row on line \(earlier)")
            }
            seen[fields[0]] = number
            var cells: [String: Bool?] = [:]
            var split: String?
            for (column, cell) in zip(columns, fields.dropFirst()) {
                if column == splitColumn {
                    split = cell
                    continue
                }
                switch cell {
                case "1": cells[label(ofColumn: column)] = true
                case "0": cells[label(ofColumn: column)] = false
                case "?": cells[label(ofColumn: column)] = .some(nil)
                default: throw InputError(file: file, line: number, message: "cell '\(cell)' in column \(column): use 1, 0 or ?")
                }
            }
            rows.append(Row(documentID: fields[0], line: number, cells: cells, split: split))
        }
        guard let columns = header else { throw InputError(file: file, message: "no header line 'document<TAB>topic…'") }
        return GoldTable(file: file, labels: columns.filter { $0 != splitColumn }.map(label(ofColumn:)), rows: rows)
    }

    /// The rows of one split (`dev`, `test`); throws an `InputError` naming the file when
    /// the table has no `split` column or no row in that split.
    ///
    /// ```swift
    /// let dev = try GoldTable.parse(text, file: "Tests/Gold/news-en.tsv").inSplit("dev")
    /// ```
    public func inSplit(_ name: String) throws -> GoldTable {
        let splits = Set(rows.compactMap(\.split)).sorted()
        guard !splits.isEmpty else { throw InputError(file: file, message: "no '\(Self.splitColumn)' column to choose split '\(name)' from") }
        guard splits.contains(name) else {
            throw InputError(file: file, message: "no row in split '\(name)'; the splits are \(splits.joined(separator: ", "))")
        }
        var chosen = self
        chosen.rows = rows.filter { $0.split == name }
        return chosen
    }

    /// The label a header column scores.
    ///
    /// ```swift
    /// GoldTable.label(ofColumn: "defense")   // "topic:defense"
    /// GoldTable.label(ofColumn: "un.vote")   // "un.vote"
    /// ```
    public static func label(ofColumn column: String) -> String {
        column.contains(":") || column.contains(".") ? column : "topic:" + column
    }
}
