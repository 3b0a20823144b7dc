import Marginalia
import MarginaliaPresentation

/// What the overview page shows, read once from the store (the web app keeps it until a
/// new run is recorded): label counts per plugin version, labels per month, documents by
/// language and source.
///
/// ```swift
/// let overview = try Overview.read(from: store)
/// let html = OverviewPage.render(overview, links: ServerLinks())
/// ```
struct Overview: Sendable {
    var documents: Int
    var counts: [LabelPluginCount]
    var months: [MonthlyCount]
    var facets: DocumentFacets
    var palette: SitePalette
    /// The latest run when it was read, to know when it is stale.
    var latestRun: Int64?

    static func read(from store: any BrowsableStore, query: AnnotationQuery = AnnotationQuery()) throws -> Overview {
        let counts = try store.countAnnotations(matching: query)
        let months = try store.monthlyCounts().filter { query.labels.matches($0.label) }
        return Overview(documents: try store.documentCount(), counts: counts, months: months, facets: try store.documentFacets(),
                        palette: SitePalette(labels: counts.map(\.label)), latestRun: try store.latestRunID())
    }

    /// Every label with its total count, most frequent first.
    var labelTotals: [(label: String, count: Int)] {
        var totals: [String: Int] = [:]
        for row in counts { totals[row.label, default: 0] += row.count }
        return totals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }
}

/// The overview page: totals, the log-scale chart of labels per plugin version, the
/// timeline, the labels with links to their pages, documents by language and source.
enum OverviewPage {
    static func render(_ overview: Overview, links: any SiteLinks, extra: String = "") -> String {
        let total = overview.counts.reduce(0) { $0 + $1.count }
        let versions = Set(overview.counts.map { LayerMerger.key($0.plugin) }).count
        var body = "<h1>Marginalia</h1>\n<p class=\"summary\">\(overview.documents) documents, \(total) annotations, "
            + "\(overview.labelTotals.count) labels from \(versions) plugin versions and layers.</p>\n"
        body += extra
        body += "<section id=\"counts\">\n<h2>Labels by plugin version <small>(log scale)</small></h2>\n"
            + CountChart.render(overview.counts, palette: overview.palette, links: links) + "\n</section>\n"
        body += "<section id=\"timeline\">\n<h2>Labels per month <small>(each row on its own scale)</small></h2>\n"
            + Timeline.render(overview.months, palette: overview.palette, links: links) + "\n</section>\n"
        body += "<section id=\"labels\">\n<h2>Labels</h2>\n<p class=\"legend\">"
            + overview.labelTotals.map { "<a href=\"\(HTML.escape(links.label($0.label, page: 0)))\">\(overview.palette.swatch($0.label))</a> \($0.count)" }
                .joined(separator: " · ") + "</p>\n</section>\n"
        body += "<section id=\"facets\">\n<h2>Documents</h2>\n"
        body += SitePage.table(caption: "by language", columns: ["language", "documents"],
                               rows: overview.facets.languages.map { [HTML.escape($0.value), String($0.count)] }, numeric: [1])
        body += SitePage.table(caption: "by source", columns: ["source", "documents"],
                               rows: overview.facets.sources.prefix(50).map { [HTML.escape($0.value), String($0.count)] }, numeric: [1])
        if overview.facets.undated > 0 { body += "<p class=\"meta\">\(overview.facets.undated) documents have no date.</p>\n" }
        body += "</section>\n"
        return SitePage.render(title: "Overview", links: links, body: body)
    }
}
