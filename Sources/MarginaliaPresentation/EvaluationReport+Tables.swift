import Marginalia

/// `EvaluationReport` as the tables the CLI prints (text, `--csv`, `--json`).
///
/// ```swift
/// let tables = report.tables()   // [scores, mistakes]
/// print(tables.map { $0.text() }.joined(separator: "\n"))
/// ```
extension EvaluationReport {
    /// The score table (labels, then `macro`) and the mistake list.
    public func tables() -> [ReportTable] {
        var rows = labels.map { label, counts in
            [label, String(counts.truePositives), String(counts.falsePositives), String(counts.falseNegatives),
             ReportTable.format(counts.precision), ReportTable.format(counts.recall), ReportTable.format(counts.f1)]
        }
        rows.append(["macro", "", "", "", ReportTable.format(macroPrecision), ReportTable.format(macroRecall), ReportTable.format(macroF1)])
        return [
            ReportTable(title: "scores", columns: ["label", "tp", "fp", "fn", "precision", "recall", "f1"], rows: rows),
            ReportTable(title: "false positives (FP) and negatives (FN)", columns: ["document", "kind", "label", "start", "end"],
                        rows: mistakes.map { [$0.documentID, $0.kind.rawValue, $0.label, $0.start.map(String.init) ?? "", $0.end.map(String.init) ?? ""] }),
        ]
    }
}
