import Marginalia

/// `AgreementReport` as the tables the CLI prints (text, `--csv`, `--json`).
///
/// ```swift
/// for table in report.tables() { print(table.text()) }
/// ```
extension AgreementReport {
    /// The coverage table and the pair table.
    public func tables() -> [ReportTable] {
        let coverageTable = ReportTable(
            title: "coverage (\(documents) documents)", columns: ["plugin", "documents_labelled", "coverage"],
            rows: coverage.map { [LayerMerger.key($0.plugin), String($0.documentsLabelled), ReportTable.format($0.coverage)] })
        let pairTable = ReportTable(
            title: "pairs", columns: ["first", "second", "shared_labels", "overlap", "conflict", "kappa",
                                      "shared_span_labels", "span_exact_f1", "span_overlap_f1"],
            rows: pairs.map { pair in
                [LayerMerger.key(pair.first), LayerMerger.key(pair.second), String(pair.sharedLabels.count),
                 String(pair.overlap), String(pair.conflict), ReportTable.format(pair.kappa.value),
                 String(pair.sharedSpanLabels.count),
                 ReportTable.format(pair.sharedSpanLabels.isEmpty ? nil : pair.exactSpans.f1),
                 ReportTable.format(pair.sharedSpanLabels.isEmpty ? nil : pair.overlapSpanF1)]
            })
        return [coverageTable, pairTable]
    }
}
