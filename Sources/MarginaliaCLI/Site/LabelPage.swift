import Marginalia
import MarginaliaPresentation

/// One label: how many annotations and documents, its KWIC lines a page at a time (left
/// context, hit, right context, each line linking to its document) and the documents
/// that have it, a page at a time.
///
/// ```swift
/// let stats = try LabelStats.read(label: "un.vote", plugin: nil, from: store)
/// let html = try LabelPage.render(label: "un.vote", plugin: nil, page: 0, stats: stats, store: store, palette: palette, links: links)
/// ```
enum LabelPage {
    static let linesPerPage = 100
    static let documentsPerPage = 100

    /// A page of the label's documents (sorted by id) with their lines in context: as many
    /// lines a document as 200 allow (all of them for a rare label), each linking to its
    /// document.
    static func render(label: String, plugin: String?, page: Int, stats: LabelStats, store: any BrowsableStore, palette: SitePalette,
                       links: any SiteLinks) throws -> String {
        var query = AnnotationQuery()
        query.labels = LabelSelector(patterns: [label])
        query.plugin = plugin
        let link = { (page: Int) in links.label(label, page: page) + (plugin.map { "&plugin=\(ServerLinks.encode($0))" } ?? "") }
        let pages = max(1, (stats.documents + documentsPerPage - 1) / documentsPerPage)
        var body = "<h1>\(palette.swatch(label))</h1>\n"
        body += "<p class=\"summary\">\(stats.total) annotations in \(stats.documents) documents"
            + (plugin.map { " by \(HTML.escape($0))" } ?? "") + ": "
            + stats.counts.map { "\(HTML.escape(LayerMerger.key($0.plugin))) \($0.count)" }.joined(separator: ", ") + ".</p>\n"
        if let allVersions = stats.versions, allVersions.count > 1 || plugin != nil {
            body += "<p class=\"filters\">Plugin: <a class=\"\(plugin == nil ? "on" : "")\" href=\"\(HTML.escape(links.label(label, page: 0)))\">all</a>"
            for version in allVersions {
                body += "<a class=\"\(plugin == version ? "on" : "")\" href=\"\(HTML.escape(links.label(label, page: 0) + "&plugin=" + ServerLinks.encode(version)))\">\(HTML.escape(version))</a>"
            }
            body += "</p>\n"
        }
        body += SitePage.pager(page: page, pages: pages, link: link)
        let ids = try store.documentIDs(matching: query, offset: page * documentsPerPage, limit: documentsPerPage)
        let perDocument = max(1, 2 * linesPerPage / max(1, ids.count))
        var concordance: [ConcordanceLine] = []
        for id in ids {
            var lines = query
            lines.documentID = id
            lines.limit = perDocument
            concordance += try Concordance.lines(matching: lines, in: store, width: 60)
        }
        body += kwicTable(concordance, palette: palette, links: links)
        body += documentList(ids, start: page * documentsPerPage, links: links)
        body += SitePage.pager(page: page, pages: pages, link: link)
        return SitePage.render(title: label, links: links, body: body)
    }

    /// The report's label page: KWIC lines and documents collected from the documents it
    /// wrote, `linesPerPage` of each a page.
    static func staticBody(label: String, lines: [ConcordanceLine], documents: [String], spans: Int, page: Int, pages: Int,
                           palette: SitePalette, links: StaticLinks) -> String {
        let link = { (page: Int) in StaticLinks.labelFile(label, page: page) }
        var body = "<h1>\(palette.swatch(label))</h1>\n<p class=\"summary\">\(spans) spans in \(documents.count) documents of the report"
        if spans > lines.count { body += "; the first \(lines.count) in context here (all of them: <code>marginalia kwic --label \(HTML.escape(label))</code>)" }
        body += ".</p>\n" + SitePage.pager(page: page, pages: pages, link: link)
        body += kwicTable(Array(lines.dropFirst(page * linesPerPage).prefix(linesPerPage)), palette: palette, links: links)
        body += documentList(Array(documents.dropFirst(page * documentsPerPage).prefix(documentsPerPage)), start: page * documentsPerPage, links: links)
        return body + SitePage.pager(page: page, pages: pages, link: link)
    }

    static func kwicTable(_ lines: [ConcordanceLine], palette: SitePalette, links: any SiteLinks) -> String {
        guard !lines.isEmpty else { return "" }
        var out = "<h2>In context</h2>\n<table class=\"kwic\">\n"
        for line in lines {
            out += "<tr><td class=\"doc\"><a href=\"\(HTML.escape(links.document(line.documentID, plugin: nil)))\">\(HTML.escape(line.documentID))</a></td>"
                + "<td class=\"left\">\(HTML.escape(line.left))</td><td class=\"hit\"><mark class=\"span\" style=\"\(palette.style(of: line.label).css)\">\(HTML.escape(line.hit))</mark></td>"
                + "<td class=\"right\">\(HTML.escape(line.right))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    static func documentList(_ ids: [String], start: Int, links: any SiteLinks) -> String {
        guard !ids.isEmpty else { return "" }
        var out = "<h2>Documents</h2>\n<ol class=\"documents\" start=\"\(start + 1)\">\n"
        for id in ids { out += "<li><a href=\"\(HTML.escape(links.document(id, plugin: nil)))\">\(HTML.escape(id))</a></li>\n" }
        return out + "</ol>\n"
    }
}

/// A label's counts per plugin version and its number of documents (the web app keeps
/// them: on a million annotations the distinct count is the slow part of a label page).
struct LabelStats: Sendable {
    var counts: [LabelPluginCount]
    var documents: Int
    /// Every plugin version with this label (`name@version`), for the filter links; nil
    /// where pages cannot filter (the static report).
    var versions: [String]?

    var total: Int { counts.reduce(0) { $0 + $1.count } }

    static func read(label: String, plugin: String?, from store: any BrowsableStore) throws -> LabelStats {
        var query = AnnotationQuery()
        query.labels = LabelSelector(patterns: [label])
        query.plugin = plugin
        var every = query
        every.plugin = nil
        let versions = Set(try store.countAnnotations(matching: every).map { LayerMerger.key($0.plugin) }).sorted()
        return LabelStats(counts: try store.countAnnotations(matching: query), documents: try store.documentCount(matching: query),
                          versions: versions)
    }
}
