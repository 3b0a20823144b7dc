import Marginalia

/// `VersionDiff` as the tables the CLI prints (text, `--csv`, `--json`).
///
/// ```swift
/// print(diff.tables()[0].text())
/// ```
extension VersionDiff {
    /// The per-label summary table and the per-document change list.
    public func tables() -> [ReportTable] {
        let score = { (value: Double?) in value.map { JSONValue.format($0) } ?? "" }
        return [
            ReportTable(title: "changes per label (\(unchanged) unchanged)", columns: ["label", "added", "removed", "rescored"],
                        rows: perLabel.map { [$0.label, String($0.added), String($0.removed), String($0.rescored)] }),
            ReportTable(title: "changes per document", columns: ["document", "change", "label", "start", "end", "before", "after"],
                        rows: changes.map { [$0.documentID, $0.kind.rawValue, $0.label, $0.start.map(String.init) ?? "",
                                             $0.end.map(String.init) ?? "", score($0.before), score($0.after)] }),
        ]
    }
}
