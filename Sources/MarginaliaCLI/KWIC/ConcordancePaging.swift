import Marginalia

/// A label's KWIC lines cut into pages of equal size over every document that has the
/// label: from how many spans each document holds (in a fixed document order), which
/// documents a page reads and which of their spans it shows. The same store gives the
/// same pages, so `page=N` in a URL always names the same lines.
///
/// ```swift
/// let paging = ConcordancePaging(try store.spanCounts(matching: query), linesPerPage: 100)
/// paging.total                 // 260000 spans
/// paging.pages                 // 2600
/// paging.slices(page: 3)       // [(doc000023, skip 8, take 5), (doc000024, 0, 13), …]
/// ```
struct ConcordancePaging: Sendable {
    /// One document's part of a page: its spans (in export order) after the first `skip`,
    /// `take` of them.
    struct Slice: Sendable, Hashable {
        var documentID: String
        var skip: Int
        var take: Int
    }

    let documents: [DocumentSpanCount]
    let linesPerPage: Int
    /// The number of spans before each document.
    private let starts: [Int]
    let total: Int

    init(_ documents: [DocumentSpanCount], linesPerPage: Int) {
        self.documents = documents
        self.linesPerPage = max(1, linesPerPage)
        var starts: [Int] = []
        starts.reserveCapacity(documents.count)
        var total = 0
        for document in documents {
            starts.append(total)
            total += document.spans
        }
        self.starts = starts
        self.total = total
    }

    /// At least one page (an empty one when there are no spans).
    var pages: Int { max(1, (total + linesPerPage - 1) / linesPerPage) }

    /// The slices of a page, in document order; empty past the last page.
    func slices(page: Int) -> [Slice] {
        let first = page * linesPerPage
        guard page >= 0, first < total else { return [] }
        // The last document starting at or before `first` (starts are sorted).
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= first { low = middle } else { high = middle - 1 }
        }
        var slices: [Slice] = []
        var wanted = min(linesPerPage, total - first)
        var index = low
        var skip = first - starts[low]
        while wanted > 0 && index < documents.count {
            let take = min(wanted, documents[index].spans - skip)
            if take > 0 { slices.append(Slice(documentID: documents[index].documentID, skip: skip, take: take)) }
            wanted -= max(0, take)
            skip = 0
            index += 1
        }
        return slices
    }

    /// The KWIC lines of a page, read a document at a time (the query's label and plugin
    /// filters apply; each document's spans in export order). A span that does not fit its
    /// text (a damaged store) keeps its place but makes no line.
    func lines(page: Int, matching query: AnnotationQuery, in store: any AnnotationStore, width: Int) throws -> [ConcordanceLine] {
        var lines: [ConcordanceLine] = []
        for slice in slices(page: page) {
            var ofDocument = query
            ofDocument.documentID = slice.documentID
            ofDocument.limit = nil
            let spans = try store.annotations(matching: ofDocument).filter { $0.span != nil }.dropFirst(slice.skip).prefix(slice.take)
            guard !spans.isEmpty, let text = try store.document(id: slice.documentID)?.text else { continue }
            let utf8 = Array(text.utf8)
            lines += spans.compactMap { ConcordanceLine($0, text: utf8, width: width) }
        }
        return lines
    }
}
