/// A labelled span of a document in code points: what span-level agreement, evaluation
/// and diff compare.
///
/// ```swift
/// let key = SpanKey(documentID: "000", label: "defense.term", start: 10, end: 15)
/// key.overlaps(SpanKey(documentID: "000", label: "defense.term", start: 14, end: 20))  // true
/// ```
public struct SpanKey: Sendable, Hashable, Comparable {
    public var documentID: String
    public var label: String
    public var start: Int
    public var end: Int

    public init(documentID: String, label: String, start: Int, end: Int) {
        self.documentID = documentID
        self.label = label
        self.start = start
        self.end = end
    }

    /// The key of a span annotation (nil for a document label).
    public init?(_ annotation: Annotation) {
        guard let span = annotation.span else { return nil }
        self.init(documentID: annotation.documentID, label: annotation.label, start: span.codePointStart, end: span.codePointEnd)
    }

    /// Same document and label, and the half-open ranges intersect.
    public func overlaps(_ other: SpanKey) -> Bool {
        documentID == other.documentID && label == other.label && start < other.end && other.start < end
    }

    public static func < (lhs: SpanKey, rhs: SpanKey) -> Bool {
        (lhs.documentID, lhs.start, lhs.end, lhs.label) < (rhs.documentID, rhs.start, rhs.end, rhs.label)
    }

    /// Exact-match counts of `predicted` against `reference`.
    public static func exactMatch(reference: Set<SpanKey>, predicted: Set<SpanKey>) -> PrecisionRecall {
        let common = reference.intersection(predicted).count
        return PrecisionRecall(truePositives: common, falsePositives: predicted.count - common, falseNegatives: reference.count - common)
    }

    /// Overlap-match precision and recall: a predicted span is right when it overlaps a
    /// reference span of its label; a reference span is found when a prediction overlaps it.
    public static func overlapMatch(reference: Set<SpanKey>, predicted: Set<SpanKey>) -> (precision: Double?, recall: Double?, f1: Double?) {
        let referenceByDoc = Dictionary(grouping: reference) { "\($0.documentID)\u{0}\($0.label)" }
        let predictedByDoc = Dictionary(grouping: predicted) { "\($0.documentID)\u{0}\($0.label)" }
        let rightPredictions = predicted.filter { p in referenceByDoc["\(p.documentID)\u{0}\(p.label)"]?.contains { $0.overlaps(p) } ?? false }.count
        let foundReferences = reference.filter { r in predictedByDoc["\(r.documentID)\u{0}\(r.label)"]?.contains { $0.overlaps(r) } ?? false }.count
        let precision = predicted.isEmpty ? nil : Double(rightPredictions) / Double(predicted.count)
        let recall = reference.isEmpty ? nil : Double(foundReferences) / Double(reference.count)
        var f1: Double?
        if let precision, let recall { f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        return (precision, recall, f1)
    }
}
