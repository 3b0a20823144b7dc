import Marginalia
import MarginaliaPresentation

/// One label: how many annotations and documents, its KWIC lines a page at a time over
/// every document with the label (left context, hit, right context, each line linking to
/// its document) and the documents that have it, a page at a time. Both pages are in the
/// URL: `/label?name=L&plugin=P@V&page=N` (KWIC lines) `&docs=M` (documents).
///
/// ```swift
/// let stats = try LabelStats.read(label: "un.vote", plugin: nil, from: store)
/// let html = try LabelPage.render(LabelRequest(label: "un.vote", page: 3), stats: stats, store: store, palette: palette, links: links)
/// ```
enum LabelPage {
    static let linesPerPage = 100
    static let documentsPerPage = 100

    /// The web app's label page. Throws `SiteRouter.Refusal` (404) for a page past the last.
    static func render(_ request: LabelRequest, stats: LabelStats, store: any BrowsableStore, palette: SitePalette,
                       links: any SiteLinks) throws -> String {
        let label = request.label
        var query = AnnotationQuery()
        query.labels = LabelSelector(patterns: [label])
        query.plugin = request.plugin
        let linePages = stats.lines.pages
        let documentPages = max(1, (stats.documents + documentsPerPage - 1) / documentsPerPage)
        guard request.page < linePages, request.documentsPage < documentPages else {
            throw SiteRouter.Refusal(status: 404, message: "'\(label)' has \(linePages) pages of lines in context and \(documentPages) of documents"
                                     + "; there is no page \(request.page + 1) of lines or \(request.documentsPage + 1) of documents")
        }
        var body = "<h1>\(palette.swatch(label))</h1>\n"
        body += "<p class=\"summary\">\(stats.total) annotations in \(stats.documents) documents"
            + (request.plugin.map { " by \(HTML.escape($0))" } ?? "") + ": "
            + stats.counts.map { "\(HTML.escape(LayerMerger.key($0.plugin))) \($0.count)" }.joined(separator: ", ") + ".</p>\n"
        if let allVersions = stats.versions, allVersions.count > 1 || request.plugin != nil {
            let all = LabelRequest(label: label)
            body += "<p class=\"filters\">Plugin: <a class=\"\(request.plugin == nil ? "on" : "")\" href=\"\(HTML.escape(all.url))\">all</a>"
            for version in allVersions {
                let filtered = LabelRequest(label: label, plugin: version)
                body += "<a class=\"\(request.plugin == version ? "on" : "")\" href=\"\(HTML.escape(filtered.url))\">\(HTML.escape(version))</a>"
            }
            body += "</p>\n"
        }
        if stats.lines.total > 0 {
            let lines = try stats.lines.lines(page: request.page, matching: query, in: store, width: 60)
            let linePager = SitePage.pager(page: request.page, pages: linePages) { page in
                var next = request
                next.page = page
                return next.url
            }
            body += "<h2 id=\"lines\">In context</h2>\n" + range(request.page * linesPerPage, count: lines.count, of: stats.lines.total, "spans")
                + linePager + kwicTable(lines, palette: palette, links: links) + linePager
        }
        let ids = try store.documentIDs(matching: query, offset: request.documentsPage * documentsPerPage, limit: documentsPerPage)
        let documentPager = SitePage.pager(page: request.documentsPage, pages: documentPages) { page in
            var next = request
            next.documentsPage = page
            return next.url + "#documents"
        }
        if !ids.isEmpty {
            body += "<h2 id=\"documents\">Documents</h2>\n" + range(request.documentsPage * documentsPerPage, count: ids.count, of: stats.documents, "documents")
                + documentPager + documentList(ids, start: request.documentsPage * documentsPerPage, links: links)
        }
        return SitePage.render(title: label, links: links, body: body)
    }

    /// "101–200 of 260000 spans".
    static func range(_ first: Int, count: Int, of total: Int, _ what: String) -> String {
        "<p class=\"meta range\">\(count == 0 ? 0 : first + 1)–\(first + count) of \(total) \(what)</p>\n"
    }

    /// The report's label page `page` (of `pages`): its KWIC lines (the page's share of all
    /// of the label's lines in the report) and its share of the documents.
    static func staticBody(label: String, lines: [ConcordanceLine], documents: [String], spans: Int, documentTotal: Int, page: Int, pages: Int,
                           palette: SitePalette, links: StaticLinks) -> String {
        let link = { (page: Int) in StaticLinks.labelFile(label, page: page) }
        let pager = SitePage.pager(page: page, pages: pages, link: link)
        var body = "<h1>\(palette.swatch(label))</h1>\n<p class=\"summary\">\(spans) spans in \(documentTotal) documents of the report"
            + ", \(linesPerPage) lines in context and \(documentsPerPage) documents a page.</p>\n" + pager
        if !lines.isEmpty {
            body += "<h2 id=\"lines\">In context</h2>\n" + range(page * linesPerPage, count: lines.count, of: spans, "spans")
                + kwicTable(lines, palette: palette, links: links)
        }
        if !documents.isEmpty {
            body += "<h2 id=\"documents\">Documents</h2>\n" + range(page * documentsPerPage, count: documents.count, of: documentTotal, "documents")
                + documentList(documents, start: page * documentsPerPage, links: links)
        }
        return body + pager
    }

    static func kwicTable(_ lines: [ConcordanceLine], palette: SitePalette, links: any SiteLinks) -> String {
        guard !lines.isEmpty else { return "" }
        var out = "<table class=\"kwic\">\n"
        for line in lines {
            out += "<tr><td class=\"doc\"><a href=\"\(HTML.escape(links.document(line.documentID, plugin: nil)))\">\(HTML.escape(line.documentID))</a></td>"
                + "<td class=\"left\">\(HTML.escape(line.left))</td><td class=\"hit\"><mark class=\"span\" style=\"\(palette.style(of: line.label).css)\">\(HTML.escape(line.hit))</mark></td>"
                + "<td class=\"right\">\(HTML.escape(line.right))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    static func documentList(_ ids: [String], start: Int, links: any SiteLinks) -> String {
        guard !ids.isEmpty else { return "" }
        var out = "<ol class=\"documents\" start=\"\(start + 1)\">\n"
        for id in ids { out += "<li><a href=\"\(HTML.escape(links.document(id, plugin: nil)))\">\(HTML.escape(id))</a></li>\n" }
        return out + "</ol>\n"
    }
}

/// A label's counts per plugin version, its number of documents and how many spans each
/// document holds (the web app keeps them until a new run: on a million annotations the
/// distinct count and the spans per document are the slow part of a label page).
struct LabelStats: Sendable {
    var counts: [LabelPluginCount]
    var documents: Int
    /// Every plugin version with this label (`name@version`), for the filter links.
    var versions: [String]?
    /// The KWIC lines over every document, in pages.
    var lines: ConcordancePaging

    var total: Int { counts.reduce(0) { $0 + $1.count } }

    static func read(label: String, plugin: String?, from store: any BrowsableStore) throws -> LabelStats {
        var query = AnnotationQuery()
        query.labels = LabelSelector(patterns: [label])
        query.plugin = plugin
        let counts = try store.countAnnotations(matching: query)
        var every = query
        every.plugin = nil
        let versions = Set(try (plugin == nil ? counts : store.countAnnotations(matching: every)).map { LayerMerger.key($0.plugin) }).sorted()
        return LabelStats(counts: counts, documents: try store.documentCount(matching: query),
                          versions: versions, lines: ConcordancePaging(try store.spanCounts(matching: query), linesPerPage: LabelPage.linesPerPage))
    }
}

/// What a label page's URL asks for: `/label?name=L&plugin=P@V&page=N&docs=M` (pages
/// 0-based, left out when 0), so a view of the lines can be shared.
struct LabelRequest: Sendable, Hashable {
    var label: String
    var plugin: String?
    /// The page of KWIC lines.
    var page = 0
    /// The page of the document list.
    var documentsPage = 0

    var url: String {
        var url = ServerLinks().label(label, page: page)
        if let plugin { url += "&plugin=" + ServerLinks.encode(plugin) }
        if documentsPage > 0 { url += "&docs=\(documentsPage)" }
        return url
    }
}
