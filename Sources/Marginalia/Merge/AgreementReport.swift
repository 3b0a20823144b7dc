/// How far plugins agree: coverage per plugin; per pair, document-label overlap, conflict
/// and Cohen's kappa, and span agreement (exact and overlapping F1).
///
/// Pairs are compared on the labels *both* produce (document labels for kappa, span labels
/// for F1), so two taggers of unrelated topics show `n/a` rather than a fake disagreement.
/// Over those labels every (document, label) is an item: `overlap` counts items both
/// assign, `conflict` items only one assigns.
///
/// ```swift
/// let report = try AgreementReport.compute(store: store, labels: .all)
/// print(report.tables().map { $0.text() }.joined(separator: "\n"))
/// ```
public struct AgreementReport: Sendable, Hashable {
    /// One plugin's coverage: the share of documents it gave at least one document label.
    public struct Coverage: Sendable, Hashable {
        public var plugin: PluginIdentity
        public var documentsLabelled: Int
        public var coverage: Double?

        /// One plugin's row, e.g. for a report made from numbers worked out elsewhere.
        ///
        /// ```swift
        /// let row = AgreementReport.Coverage(plugin: defense, documentsLabelled: 3, coverage: 0.75)
        /// ```
        public init(plugin: PluginIdentity, documentsLabelled: Int, coverage: Double?) {
            self.plugin = plugin
            self.documentsLabelled = documentsLabelled
            self.coverage = coverage
        }
    }

    /// Agreement of two plugins.
    public struct Pair: Sendable, Hashable {
        public var first: PluginIdentity
        public var second: PluginIdentity
        /// Document labels both produce.
        public var sharedLabels: [String]
        public var kappa: CohenKappa
        /// Span labels both produce.
        public var sharedSpanLabels: [String]
        /// The second plugin's spans scored against the first's.
        public var exactSpans: PrecisionRecall
        public var overlapSpanF1: Double?

        public var overlap: Int { kappa.bothYes }
        public var conflict: Int { kappa.onlyFirst + kappa.onlySecond }

        /// One pair's row.
        ///
        /// ```swift
        /// let pair = AgreementReport.Pair(first: a, second: b, sharedLabels: ["topic:x"],
        ///                                 kappa: CohenKappa(bothYes: 2, onlyFirst: 1, onlySecond: 1, bothNo: 0),
        ///                                 sharedSpanLabels: [], exactSpans: PrecisionRecall(), overlapSpanF1: nil)
        /// ```
        public init(first: PluginIdentity, second: PluginIdentity, sharedLabels: [String], kappa: CohenKappa,
                    sharedSpanLabels: [String], exactSpans: PrecisionRecall, overlapSpanF1: Double?) {
            self.first = first
            self.second = second
            self.sharedLabels = sharedLabels
            self.kappa = kappa
            self.sharedSpanLabels = sharedSpanLabels
            self.exactSpans = exactSpans
            self.overlapSpanF1 = overlapSpanF1
        }
    }

    public var documents: Int
    public var coverage: [Coverage]
    public var pairs: [Pair]

    /// A report from its rows; ``compute(store:labels:)`` makes one from a store.
    ///
    /// ```swift
    /// let report = AgreementReport(documents: 4, coverage: [row], pairs: [pair])
    /// report.json()
    /// ```
    public init(documents: Int, coverage: [Coverage], pairs: [Pair]) {
        self.documents = documents
        self.coverage = coverage
        self.pairs = pairs
    }

    /// Compares the latest version of every raw plugin and of imported gold layers.
    public static func compute(store: any AnnotationStore, labels: LabelSelector) throws -> AgreementReport {
        let layers = LayerSelection.latest(try store.layers().filter { $0.name != LayerName.merged })
        let keys = layers.map(LayerMerger.key)
        var documentLabels = [String: Set<String>](uniqueKeysWithValues: keys.map { ($0, []) })  // "doc\0label"
        var labelsSeen = [String: Set<String>](uniqueKeysWithValues: keys.map { ($0, []) })
        var labelledDocuments = [String: Set<String>](uniqueKeysWithValues: keys.map { ($0, []) })
        var spans = [String: Set<SpanKey>](uniqueKeysWithValues: keys.map { ($0, []) })
        var documentIDs: [String] = []
        try store.forEachDocumentAnnotations { document, annotations in
            documentIDs.append(document.id)
            for annotation in annotations where labels.matches(annotation.label) {
                let key = LayerMerger.key(annotation.plugin)
                guard documentLabels[key] != nil else { continue }
                if let span = SpanKey(annotation) {
                    spans[key]!.insert(span)
                } else {
                    documentLabels[key]!.insert(document.id + "\u{0}" + annotation.label)
                    labelsSeen[key]!.insert(annotation.label)
                    labelledDocuments[key]!.insert(document.id)
                }
            }
        }
        let total = documentIDs.count
        let coverage = zip(layers, keys).map { layer, key in
            Coverage(plugin: layer, documentsLabelled: labelledDocuments[key]!.count,
                     coverage: total == 0 ? nil : Double(labelledDocuments[key]!.count) / Double(total))
        }
        var pairs: [Pair] = []
        for i in layers.indices {
            for j in layers.indices where j > i {
                let a = keys[i], b = keys[j]
                let shared = labelsSeen[a]!.intersection(labelsSeen[b]!).sorted()
                var kappa = CohenKappa(bothYes: 0, onlyFirst: 0, onlySecond: 0, bothNo: 0)
                for document in documentIDs {
                    for label in shared {
                        let item = document + "\u{0}" + label
                        switch (documentLabels[a]!.contains(item), documentLabels[b]!.contains(item)) {
                        case (true, true): kappa.bothYes += 1
                        case (true, false): kappa.onlyFirst += 1
                        case (false, true): kappa.onlySecond += 1
                        case (false, false): kappa.bothNo += 1
                        }
                    }
                }
                let spanLabels = Set(spans[a]!.map(\.label)).intersection(spans[b]!.map(\.label))
                let first = spans[a]!.filter { spanLabels.contains($0.label) }
                let second = spans[b]!.filter { spanLabels.contains($0.label) }
                pairs.append(Pair(first: layers[i], second: layers[j], sharedLabels: shared, kappa: kappa,
                                  sharedSpanLabels: spanLabels.sorted(),
                                  exactSpans: SpanKey.exactMatch(reference: first, predicted: second),
                                  overlapSpanF1: SpanKey.overlapMatch(reference: first, predicted: second).f1))
            }
        }
        return AgreementReport(documents: total, coverage: coverage, pairs: pairs)
    }

    /// `{"documents": n, "coverage": [...], "pairs": [...]}` with full-precision numbers.
    public func json() -> JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
        return .object([
            "documents": .integer(Int64(documents)),
            "coverage": .array(coverage.map {
                .object(["plugin": .string(LayerMerger.key($0.plugin)), "documents_labelled": .integer(Int64($0.documentsLabelled)),
                         "coverage": number($0.coverage)])
            }),
            "pairs": .array(pairs.map { pair in
                .object([
                    "first": .string(LayerMerger.key(pair.first)), "second": .string(LayerMerger.key(pair.second)),
                    "shared_labels": .array(pair.sharedLabels.map { .string($0) }),
                    "overlap": .integer(Int64(pair.overlap)), "conflict": .integer(Int64(pair.conflict)),
                    "kappa": number(pair.kappa.value),
                    "shared_span_labels": .array(pair.sharedSpanLabels.map { .string($0) }),
                    "span_exact_f1": number(pair.sharedSpanLabels.isEmpty ? nil : pair.exactSpans.f1),
                    "span_overlap_f1": number(pair.sharedSpanLabels.isEmpty ? nil : pair.overlapSpanF1),
                ])
            }),
        ])
    }
}
