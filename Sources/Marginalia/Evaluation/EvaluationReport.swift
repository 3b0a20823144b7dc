/// Precision, recall and F1 per label and macro-averaged, with every false positive and
/// false negative by document: the result of `marginalia evaluate`.
///
/// ```swift
/// let report = try Evaluator.documentLabels(gold: gold, store: store, layers: inputs)
/// report.macroF1                         // mean F1 over labels where it is defined
/// report.mistakes.filter { $0.kind == .falseNegative }
/// ```
public struct EvaluationReport: Sendable, Hashable {
    /// A wrong call: predicted but not in gold, or in gold but not predicted.
    public struct Mistake: Sendable, Hashable, Comparable {
        public enum Kind: String, Sendable, Hashable, Comparable {
            case falsePositive = "FP", falseNegative = "FN"
            public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
        }

        public var documentID: String
        public var label: String
        public var kind: Kind
        /// Code-point range for span mistakes.
        public var start: Int?
        public var end: Int?

        /// A mistake; `start` and `end` (code points) for a span, nil for a document label.
        ///
        /// ```swift
        /// let missed = EvaluationReport.Mistake(documentID: "d1", label: "defense.term", kind: .falseNegative, start: 10, end: 18)
        /// ```
        public init(documentID: String, label: String, kind: Kind, start: Int? = nil, end: Int? = nil) {
            self.documentID = documentID
            self.label = label
            self.kind = kind
            self.start = start
            self.end = end
        }

        public static func < (lhs: Mistake, rhs: Mistake) -> Bool {
            (lhs.documentID, lhs.start ?? -1, lhs.end ?? -1, lhs.label, lhs.kind) < (rhs.documentID, rhs.start ?? -1, rhs.end ?? -1, rhs.label, rhs.kind)
        }
    }

    /// Per label, sorted by label.
    public var labels: [(label: String, counts: PrecisionRecall)]
    public var mistakes: [Mistake]

    public init(labels: [(label: String, counts: PrecisionRecall)], mistakes: [Mistake]) {
        self.labels = labels
        self.mistakes = mistakes.sorted()
    }

    public static func == (lhs: EvaluationReport, rhs: EvaluationReport) -> Bool {
        lhs.labels.map(\.label) == rhs.labels.map(\.label) && lhs.labels.map(\.counts) == rhs.labels.map(\.counts) && lhs.mistakes == rhs.mistakes
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(mistakes) }

    public var macroPrecision: Double? { PrecisionRecall.mean(labels.map(\.counts.precision)) }
    public var macroRecall: Double? { PrecisionRecall.mean(labels.map(\.counts.recall)) }
    public var macroF1: Double? { PrecisionRecall.mean(labels.map(\.counts.f1)) }

    /// The counts for one label.
    public func counts(for label: String) -> PrecisionRecall? { labels.first { $0.label == label }?.counts }

    /// `{"labels": [...], "macro": {...}, "mistakes": [...]}`.
    public func json() -> JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
        return .object([
            "labels": .array(labels.map { label, counts in
                .object(["label": .string(label), "tp": .integer(Int64(counts.truePositives)), "fp": .integer(Int64(counts.falsePositives)),
                         "fn": .integer(Int64(counts.falseNegatives)), "precision": number(counts.precision),
                         "recall": number(counts.recall), "f1": number(counts.f1)])
            }),
            "macro": .object(["precision": number(macroPrecision), "recall": number(macroRecall), "f1": number(macroF1)]),
            "mistakes": .array(mistakes.map { mistake in
                var object: [String: JSONValue] = ["document": .string(mistake.documentID), "label": .string(mistake.label),
                                                   "kind": .string(mistake.kind.rawValue)]
                if let start = mistake.start, let end = mistake.end { object["start"] = .integer(Int64(start)); object["end"] = .integer(Int64(end)) }
                return .object(object)
            }),
        ])
    }
}
