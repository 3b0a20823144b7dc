/// Scores stored predictions against hand annotations: document labels against a
/// `GoldTable`, spans against brat files. Predictions are the annotations of `layers`
/// (by default the latest version of every raw plugin) scoring at least `minimumScore`.
///
/// ```swift
/// let gold = try GoldTable.parse(text, file: "seeds/gold.tsv")
/// let layers = LayerSelection.rawInputs(from: try store.layers(), allVersions: false)
/// let report = try Evaluator.documentLabels(gold: gold, store: store, layers: layers)
/// ```
public enum Evaluator {
    /// Document labels. Throws an `InputError` (file, line) for a document not in the store.
    public static func documentLabels(gold: GoldTable, store: any AnnotationStore, layers: [PluginIdentity],
                                      labels selector: LabelSelector = .all, minimumScore: Double = 0) throws -> EvaluationReport {
        let keys = Set(layers.map(LayerMerger.key))
        let evaluated = gold.labels.filter(selector.matches)
        var counts = [String: PrecisionRecall](uniqueKeysWithValues: evaluated.map { ($0, PrecisionRecall()) })
        var mistakes: [EvaluationReport.Mistake] = []
        for row in gold.rows {
            guard try store.document(id: row.documentID) != nil else {
                throw InputError(file: gold.file, line: row.line, message: "unknown document '\(row.documentID)': it is not in the store")
            }
            let predicted = Set(try store.annotations(documentID: row.documentID).filter {
                $0.span == nil && keys.contains(LayerMerger.key($0.plugin)) && $0.score >= minimumScore
            }.map(\.label))
            for label in evaluated {
                guard let cell = row.cells[label], let expected = cell else { continue }
                switch (expected, predicted.contains(label)) {
                case (true, true): counts[label]!.truePositives += 1
                case (false, true):
                    counts[label]!.falsePositives += 1
                    mistakes.append(.init(documentID: row.documentID, label: label, kind: .falsePositive))
                case (true, false):
                    counts[label]!.falseNegatives += 1
                    mistakes.append(.init(documentID: row.documentID, label: label, kind: .falseNegative))
                case (false, false): break
                }
            }
        }
        return EvaluationReport(labels: evaluated.map { ($0, counts[$0]!) }, mistakes: mistakes)
    }

    /// Spans, matched exactly (same label and code-point range). Only the documents of
    /// the brat files are scored; labels are those of the gold spans (or the selector's).
    public static func spans(gold: BratCollection, store: any AnnotationStore, layers: [PluginIdentity],
                             labels selector: LabelSelector = .all, minimumScore: Double = 0) throws -> EvaluationReport {
        let keys = Set(layers.map(LayerMerger.key))
        var reference = Set<SpanKey>(), predicted = Set<SpanKey>()
        for item in gold.items {
            for entry in item.file.spans where selector.matches(entry.label) {
                reference.insert(SpanKey(documentID: item.document.id, label: entry.label, start: entry.start, end: entry.end))
            }
            for annotation in try store.annotations(documentID: item.document.id)
            where keys.contains(LayerMerger.key(annotation.plugin)) && annotation.score >= minimumScore && selector.matches(annotation.label) {
                if let key = SpanKey(annotation) { predicted.insert(key) }
            }
        }
        let goldLabels = Set(reference.map(\.label))
        if selector.patterns.isEmpty { predicted = predicted.filter { goldLabels.contains($0.label) } }
        let evaluated = goldLabels.union(predicted.map(\.label)).sorted()
        var mistakes: [EvaluationReport.Mistake] = []
        for key in predicted.subtracting(reference) {
            mistakes.append(.init(documentID: key.documentID, label: key.label, kind: .falsePositive, start: key.start, end: key.end))
        }
        for key in reference.subtracting(predicted) {
            mistakes.append(.init(documentID: key.documentID, label: key.label, kind: .falseNegative, start: key.start, end: key.end))
        }
        let perLabel = evaluated.map { label in
            (label, SpanKey.exactMatch(reference: reference.filter { $0.label == label }, predicted: predicted.filter { $0.label == label }))
        }
        return EvaluationReport(labels: perLabel, mistakes: mistakes)
    }
}
