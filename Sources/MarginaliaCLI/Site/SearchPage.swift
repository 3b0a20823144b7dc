import Marginalia
import MarginaliaPresentation

/// Full-text search with label, plugin, date and language filters, every filter in the
/// URL (`/search?q=ceasefire&label=topic:defense&from=2016-01-01&page=2`), so a view can
/// be shared; each hit shows a snippet with the matched words marked.
///
/// ```swift
/// let html = try SearchPage.render(SearchRequest(q: "tanks"), index: index, store: store, overview: overview, links: ServerLinks())
/// ```
enum SearchPage {
    static let hitsPerPage = 20

    static func render(_ request: SearchRequest, index: any DocumentSearching, store: any BrowsableStore, overview: Overview,
                       links: ServerLinks) throws -> String {
        var body = "<h1>Search</h1>\n" + form(request, overview: overview)
        guard !request.q.isEmpty else {
            return SitePage.render(title: "Search", links: links, body: body + "<p class=\"meta\">Type words to look for: <code>tanks</code>, "
                                   + "<code>\"security council\"</code>, <code>drone*</code>, <code>tanks NOT exercise</code>.</p>")
        }
        var search = DocumentSearch(text: request.q)
        search.dateFrom = request.from
        search.dateTo = request.to
        search.language = request.language
        search.offset = request.page * hitsPerPage
        search.limit = hitsPerPage
        if request.label != nil || request.plugin != nil {
            var query = AnnotationQuery()
            query.labels = LabelSelector(request.label)
            query.plugin = request.plugin
            search.documentIDs = Set(try store.documentIDs(matching: query, offset: 0, limit: Int.max))
        }
        let result = try index.search(search)
        body += "<p class=\"summary\">\(result.total) documents match.</p>\n<ol class=\"hits\" start=\"\(search.offset + 1)\">\n"
        for hit in result.hits {
            body += "<li><a href=\"\(HTML.escape(links.document(hit.documentID, plugin: request.plugin)))\">\(HTML.escape(hit.documentID))</a>"
                + "<br><span class=\"snippet\">\(marked(hit.snippet))</span></li>\n"
        }
        body += "</ol>\n" + SitePage.pager(page: request.page, pages: (result.total + hitsPerPage - 1) / hitsPerPage) { page in
            var next = request
            next.page = page
            return next.url
        }
        return SitePage.render(title: "Search: \(request.q)", links: links, body: body, query: request.q)
    }

    /// The snippet escaped, its U+0001…U+0002 stretches in `<b>`.
    static func marked(_ snippet: String) -> String {
        var out = ""
        var piece = ""
        for scalar in snippet.unicodeScalars {
            switch scalar {
            case "\u{1}": out += HTML.escape(piece) + "<b>"; piece = ""
            case "\u{2}": out += HTML.escape(piece) + "</b>"; piece = ""
            default: piece.unicodeScalars.append(scalar)
            }
        }
        return out + HTML.escape(piece)
    }

    static func form(_ request: SearchRequest, overview: Overview) -> String {
        func option(_ value: String, _ selected: String?) -> String {
            "<option value=\"\(HTML.escape(value))\"\(value == selected ? " selected" : "")>\(HTML.escape(value))</option>"
        }
        let labels = overview.labelTotals.map(\.label).sorted()
        let plugins = Set(overview.counts.map { LayerMerger.key($0.plugin) }).sorted()
        let languages = overview.facets.languages.map(\.value)
        return "<form class=\"filters-form\" action=\"/search\" method=\"get\">"
            + "<input type=\"search\" name=\"q\" value=\"\(HTML.escape(request.q))\" aria-label=\"words\"> "
            + "<select name=\"label\" aria-label=\"label\"><option value=\"\">any label</option>" + labels.map { option($0, request.label) }.joined() + "</select> "
            + "<select name=\"plugin\" aria-label=\"plugin\"><option value=\"\">any plugin</option>" + plugins.map { option($0, request.plugin) }.joined() + "</select> "
            + "from <input name=\"from\" size=\"10\" placeholder=\"YYYY-MM-DD\" value=\"\(HTML.escape(request.from ?? ""))\"> "
            + "to <input name=\"to\" size=\"10\" placeholder=\"YYYY-MM-DD\" value=\"\(HTML.escape(request.to ?? ""))\"> "
            + "<select name=\"language\" aria-label=\"language\"><option value=\"\">any language</option>" + languages.map { option($0, request.language) }.joined() + "</select> "
            + "<button type=\"submit\">Search</button></form>\n"
    }
}

/// The search a URL asks for (every parameter optional but `q`, empty meaning none).
struct SearchRequest: Sendable, Hashable {
    var q = ""
    var label: String?
    var plugin: String?
    var from: String?
    var to: String?
    var language: String?
    var page = 0

    /// The URL that asks for this search.
    var url: String {
        var parts = ["q=" + ServerLinks.encode(q)]
        for (name, value) in [("label", label), ("plugin", plugin), ("from", from), ("to", to), ("language", language)] {
            if let value { parts.append(name + "=" + ServerLinks.encode(value)) }
        }
        if page > 0 { parts.append("page=\(page)") }
        return "/search?" + parts.joined(separator: "&")
    }
}
