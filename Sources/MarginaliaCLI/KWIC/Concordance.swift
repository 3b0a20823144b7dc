import Marginalia

/// The concordance of a query: a `ConcordanceLine` for each span it selects, in export
/// order, reading each document's text once.
///
/// ```swift
/// var query = AnnotationQuery(); query.labels = LabelSelector("un.vote"); query.limit = 20
/// let lines = try Concordance.lines(matching: query, in: store, width: 40)
/// ```
enum Concordance {
    static func lines(matching query: AnnotationQuery, in store: any AnnotationStore, width: Int) throws -> [ConcordanceLine] {
        var texts: [String: [UInt8]] = [:]
        var lines: [ConcordanceLine] = []
        var remaining = query.limit ?? Int.max
        // Document labels have no context: only spans make lines, so the limit counts
        // spans; when document labels took places within the limit, ask for everything.
        var found = try store.annotations(matching: query)
        if let limit = query.limit, found.count == limit, found.contains(where: { $0.span == nil }) {
            var everything = query
            everything.limit = nil
            found = try store.annotations(matching: everything)
        }
        for annotation in found where annotation.span != nil {
            if remaining == 0 { break }
            if texts[annotation.documentID] == nil {
                texts = [annotation.documentID: Array((try store.document(id: annotation.documentID)?.text ?? "").utf8)]
            }
            if let line = ConcordanceLine(annotation, text: texts[annotation.documentID]!, width: width) {
                lines.append(line)
                remaining -= 1
            }
        }
        return lines
    }
}
