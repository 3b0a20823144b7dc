/// What changed between two outputs of a tagger (two versions in one store, or one
/// plugin in two stores): spans and document labels added, removed and re-scored, per
/// label and per document. An annotation is identified by document, label and span
/// (code points); its score is compared with a tolerance of 1e-9.
///
/// ```swift
/// let before = try store.annotations(matching: query(plugin: "defense@1.0.0"))
/// let after = try store.annotations(matching: query(plugin: "defense@1.1.0"))
/// let diff = VersionDiff(before: before, after: after)
/// diff.changes.filter { $0.kind == .added }.count
/// ```
public struct VersionDiff: Sendable, Hashable {
    /// One difference.
    public struct Change: Sendable, Hashable, Comparable {
        public enum Kind: String, Sendable, Hashable, CaseIterable { case added, removed, rescored }

        public var kind: Kind
        public var documentID: String
        public var label: String
        /// Code-point range; nil for a document label.
        public var start: Int?
        public var end: Int?
        public var before: Double?
        public var after: Double?

        public static func < (lhs: Change, rhs: Change) -> Bool {
            (lhs.documentID, lhs.start ?? -1, lhs.end ?? -1, lhs.label, lhs.kind.rawValue)
                < (rhs.documentID, rhs.start ?? -1, rhs.end ?? -1, rhs.label, rhs.kind.rawValue)
        }
    }

    /// Every change, by document then position.
    public var changes: [Change]
    /// Annotations present and equally scored on both sides.
    public var unchanged: Int

    private struct Key: Hashable { var document: String, label: String, start: Int?, end: Int? }

    /// Compares two sets of annotations (typically one plugin version each); when one side
    /// has the same annotation twice, its highest score counts.
    public init(before: [Annotation], after: [Annotation]) {
        func scores(_ annotations: [Annotation]) -> [Key: Double] {
            var out: [Key: Double] = [:]
            for a in annotations {
                let key = Key(document: a.documentID, label: a.label, start: a.span?.codePointStart, end: a.span?.codePointEnd)
                out[key] = max(out[key] ?? -.infinity, a.score)
            }
            return out
        }
        let old = scores(before), new = scores(after)
        var changes: [Change] = []
        var unchanged = 0
        for (key, score) in old {
            guard let newScore = new[key] else {
                changes.append(Change(kind: .removed, documentID: key.document, label: key.label, start: key.start, end: key.end, before: score))
                continue
            }
            if abs(newScore - score) > 1e-9 {
                changes.append(Change(kind: .rescored, documentID: key.document, label: key.label, start: key.start, end: key.end, before: score, after: newScore))
            } else {
                unchanged += 1
            }
        }
        for (key, score) in new where old[key] == nil {
            changes.append(Change(kind: .added, documentID: key.document, label: key.label, start: key.start, end: key.end, after: score))
        }
        self.changes = changes.sorted()
        self.unchanged = unchanged
    }

    /// Per label: how many added, removed, re-scored (sorted by label).
    public var perLabel: [(label: String, added: Int, removed: Int, rescored: Int)] {
        Dictionary(grouping: changes, by: \.label).keys.sorted().map { label in
            let mine = changes.filter { $0.label == label }
            return (label, mine.filter { $0.kind == .added }.count, mine.filter { $0.kind == .removed }.count,
                    mine.filter { $0.kind == .rescored }.count)
        }
    }

    /// `{"unchanged": n, "labels": [...], "changes": [...]}`.
    public func json() -> JSONValue {
        .object([
            "unchanged": .integer(Int64(unchanged)),
            "labels": .array(perLabel.map {
                .object(["label": .string($0.label), "added": .integer(Int64($0.added)), "removed": .integer(Int64($0.removed)),
                         "rescored": .integer(Int64($0.rescored))])
            }),
            "changes": .array(changes.map { change in
                var object: [String: JSONValue] = ["document": .string(change.documentID), "change": .string(change.kind.rawValue),
                                                   "label": .string(change.label)]
                if let start = change.start, let end = change.end { object["start"] = .integer(Int64(start)); object["end"] = .integer(Int64(end)) }
                if let before = change.before { object["before"] = .number(before) }
                if let after = change.after { object["after"] = .number(after) }
                return .object(object)
            }),
        ])
    }
}
