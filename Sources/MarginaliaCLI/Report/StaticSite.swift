import Foundation
import Marginalia
import MarginaliaPresentation

/// `marginalia report` as a small static site: `index.html` (the overview, agreement and
/// the list of document pages), `labels/<label>-<n>.html` (every KWIC line of the
/// documents in the report, 100 a page, beside 100 of its documents a page) and `documents/batch-<n>.html` (a batch of documents with their
/// spans highlighted). Every page is self-contained (inline CSS and SVG, no script, no
/// network) and kept under `maxPageBytes` by cutting batches by size.
///
/// ```swift
/// var site = StaticSite(store: store, directory: "report")
/// site.query = query            // --label / --plugin
/// site.sample = 200             // or site.limit = 200
/// let written = try site.write()   // written.documents, written.pages
/// ```
struct StaticSite {
    let store: any BrowsableStore
    let directory: String
    /// Which annotations (and so documents) to report on; nil: everything.
    var query: AnnotationQuery?
    /// At most this many documents: the first ones (`limit`) or spread evenly (`sample`).
    var limit: Int?
    var sample: Int?
    var documentsPerBatch = 25
    var maxPageBytes = 1_500_000

    struct Written {
        var documents = 0
        var pages = 0
        var largestPage = 0
    }

    func write() throws -> Written {
        let manager = FileManager.default
        for folder in ["", "labels", "documents"] {
            try manager.createDirectory(atPath: (directory as NSString).appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let overview = try Overview.read(from: store, query: query ?? AnnotationQuery())
        let palette = overview.palette
        var written = Written()
        let stride = try sampleStride()

        // Pass one: which documents, in which batch (a batch closes at its size limit).
        var batches: [[String]] = [[]]
        var batchBytes = 0
        var batchOfDocument: [String: Int] = [:]
        // Each label's documents and KWIC lines (spans that fit their text), so that its
        // pages can be written while the lines are collected, knowing how many there are.
        var labelDocuments: [String: [String]] = [:]
        var spanTotals: [String: Int] = [:]
        var seen = 0
        try store.forEachDocumentAnnotations(selectedBy: query) { document, annotations in
            defer { seen += 1 }
            guard seen % stride == 0, limit.map({ batchOfDocument.count < $0 }) ?? true,
                  sample.map({ batchOfDocument.count < $0 }) ?? true else { return }
            let estimate = Self.estimatedBytes(document, annotations)
            if !batches[batches.count - 1].isEmpty && (batches[batches.count - 1].count >= documentsPerBatch || batchBytes + estimate > maxPageBytes) {
                batches.append([])
                batchBytes = 0
            }
            batches[batches.count - 1].append(document.id)
            batchOfDocument[document.id] = batches.count - 1
            batchBytes += estimate
            for label in Set(annotations.map(\.label)) { labelDocuments[label, default: []].append(document.id) }
            let utf8 = Array(document.text.utf8)
            for annotation in annotations {
                if let span = annotation.span, SpanFit.problem(span, in: utf8) == nil { spanTotals[annotation.label, default: 0] += 1 }
            }
        }
        if batches.last?.isEmpty == true { batches.removeLast() }
        let nested = StaticLinks(batchOfDocument: batchOfDocument, nested: true)

        // Pass two: the batch pages; a label's page is written as soon as it has its lines.
        var pending: [String: [ConcordanceLine]] = [:]
        var writtenLabelPages: [String: Int] = [:]
        func pages(of label: String) -> Int {
            let lines = ((spanTotals[label] ?? 0) + LabelPage.linesPerPage - 1) / LabelPage.linesPerPage
            let documents = ((labelDocuments[label]?.count ?? 0) + LabelPage.documentsPerPage - 1) / LabelPage.documentsPerPage
            return max(1, lines, documents)
        }
        func writeLabelPage(_ label: String) throws {
            let page = writtenLabelPages[label, default: 0]
            let documents = Array((labelDocuments[label] ?? []).dropFirst(page * LabelPage.documentsPerPage).prefix(LabelPage.documentsPerPage))
            let body = LabelPage.staticBody(label: label, lines: pending[label] ?? [], documents: documents, spans: spanTotals[label] ?? 0,
                                            documentTotal: labelDocuments[label]?.count ?? 0, page: page, pages: pages(of: label),
                                            palette: palette, links: nested)
            written.largestPage = max(written.largestPage, try write(SitePage.render(title: label, links: nested, body: body),
                                                                        to: "labels/" + StaticLinks.labelFile(label, page: page)))
            written.pages += 1
            writtenLabelPages[label] = page + 1
            pending[label] = []
        }
        for (number, ids) in batches.enumerated() {
            var body = "<h1>Documents \(ids.first!) … \(ids.last!)</h1>\n"
            body += SitePage.pager(page: number, pages: batches.count) { StaticLinks.batchFile($0) }
            for id in ids {
                guard var view = try DocumentView.read(id, from: store) else { continue }
                if let query { view.annotations = view.annotations.filter { query.selects($0, in: view.document) } }
                body += DocumentPage.article(view, plugin: nil, palette: palette, links: nested, filters: false)
                let utf8 = Array(view.document.text.utf8)
                for annotation in view.annotations {
                    guard let line = ConcordanceLine(annotation, text: utf8, width: 60) else { continue }
                    pending[annotation.label, default: []].append(line)
                    if pending[annotation.label]!.count == LabelPage.linesPerPage { try writeLabelPage(annotation.label) }
                }
                written.documents += 1
            }
            body += SitePage.pager(page: number, pages: batches.count) { StaticLinks.batchFile($0) }
            written.largestPage = max(written.largestPage, try write(SitePage.render(title: "Documents \(number + 1)", links: nested, body: body),
                                                                        to: "documents/" + StaticLinks.batchFile(number)))
            written.pages += 1
        }

        // The rest of each label's pages: its last lines, then documents only.
        for label in labelDocuments.keys.sorted() {
            while writtenLabelPages[label, default: 0] < pages(of: label) { try writeLabelPage(label) }
        }

        // The index.
        let top = StaticLinks(batchOfDocument: batchOfDocument, nested: false)
        var extra = "<section id=\"pages\">\n<h2>Document pages</h2>\n<p>\(written.documents) documents"
            + (written.documents < overview.documents ? " of \(overview.documents) (see --label, --plugin, --limit, --sample)" : "") + ":</p>\n<ol>\n"
        for (number, ids) in batches.enumerated() {
            extra += "<li><a href=\"documents/\(StaticLinks.batchFile(number))\">\(HTML.escape(ids.first!)) … \(HTML.escape(ids.last!))</a> (\(ids.count))</li>\n"
        }
        extra += "</ol>\n</section>\n"
        let agreement = try AgreementReport.compute(store: store, labels: query?.labels ?? .all)
        extra += "<section id=\"agreement\">\n<h2>Agreement</h2>\n"
        for table in agreement.tables() {
            extra += SitePage.table(caption: table.title, columns: table.columns, rows: table.rows.map { $0.map(HTML.escape) },
                                    numeric: Set(table.columns.indices.dropFirst()), className: "report-table")
        }
        extra += "</section>\n"
        written.largestPage = max(written.largestPage, try write(OverviewPage.render(overview, links: top, extra: extra), to: "index.html"))
        written.pages += 1
        return written
    }

    /// Every k-th document for `--sample`, 1 otherwise.
    private func sampleStride() throws -> Int {
        guard let sample, sample > 0 else { return 1 }
        let total = try query.map { try store.documentCount(matching: $0) } ?? store.documentCount()
        return max(1, total / sample)
    }

    /// A document's page weight before it is rendered: its text and about 400 bytes of
    /// markup per annotation.
    static func estimatedBytes(_ document: Document, _ annotations: [Annotation]) -> Int {
        document.text.utf8.count * 2 + annotations.count * 400 + 2_000
    }

    /// Writes `html` to `name` under the site folder and returns its size.
    private func write(_ html: String, to name: String) throws -> Int {
        let data = Data(html.utf8)
        let path = (directory as NSString).appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: path, contents: data) else { throw CommandFailure("cannot write \(path)") }
        return data.count
    }
}
