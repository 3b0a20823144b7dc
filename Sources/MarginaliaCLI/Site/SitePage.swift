import Marginalia
import MarginaliaPresentation

/// The frame of every page of the report and the web app: one self-contained HTML file
/// with inline CSS, no script and nothing loaded from the network; a top bar linking the
/// overview (and the search form when the site has one).
///
/// ```swift
/// let html = SitePage.render(title: "topic:defense", links: ServerLinks(), body: "<h1>…</h1>")
/// ```
enum SitePage {
    static func render(title: String, links: any SiteLinks, body: String, query: String = "") -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · Marginalia</title>
            <style>\(css)</style>
            </head>
            <body>
            <nav class="top"><a href="\(HTML.escape(links.overview))">Marginalia</a>
            """
        if let search = links.search {
            out += "<form class=\"search\" action=\"\(HTML.escape(search))\" method=\"get\"><input type=\"search\" name=\"q\" value=\"\(HTML.escape(query))\" "
                + "placeholder=\"search the documents\" aria-label=\"search\"><button type=\"submit\">Search</button></form>"
        }
        out += "</nav>\n<main>\n" + body + "\n</main>\n</body>\n</html>\n"
        return out
    }

    /// A pager: "page n of m" with links to the first, previous, next and last pages.
    static func pager(page: Int, pages: Int, link: (Int) -> String) -> String {
        guard pages > 1 else { return "" }
        var parts: [String] = []
        if page > 0 {
            parts.append("<a href=\"\(HTML.escape(link(0)))\">first</a>")
            parts.append("<a rel=\"prev\" href=\"\(HTML.escape(link(page - 1)))\">previous</a>")
        }
        parts.append("page \(page + 1) of \(pages)")
        if page + 1 < pages {
            parts.append("<a rel=\"next\" href=\"\(HTML.escape(link(page + 1)))\">next</a>")
            parts.append("<a href=\"\(HTML.escape(link(pages - 1)))\">last</a>")
        }
        return "<p class=\"pager\">" + parts.joined(separator: " · ") + "</p>\n"
    }

    /// A table of strings (already escaped where they hold markup: `cells` are HTML).
    static func table(caption: String, columns: [String], rows: [[String]], numeric: Set<Int> = [], className: String? = nil) -> String {
        var out = "<table\(className.map { " class=\"\($0)\"" } ?? "")>\n<caption>\(HTML.escape(caption))</caption>\n<tr>"
        out += columns.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr>\n"
        for row in rows {
            out += "<tr>" + row.enumerated().map { index, cell in numeric.contains(index) ? "<td class=\"num\">\(cell)</td>" : "<td>\(cell)</td>" }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }

    static let css = """
        body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fff}\
        main{max-width:64em;margin:0 auto;padding:0 1em 3em}\
        nav.top{display:flex;gap:1em;align-items:center;padding:.5em 1em;background:#f3f3f3;border-bottom:1px solid #ddd}\
        nav.top a{font-weight:600;color:#222;text-decoration:none}\
        form.search{margin-left:auto;display:flex;gap:.3em}form.search input{width:18em}\
        a{color:#0057a3}\
        table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}\
        caption{text-align:left;font-weight:600;padding:.3em 0}\
        th,td{border:1px solid #ccc;padding:2px 8px;text-align:left;vertical-align:top}\
        td.num{text-align:right;font-variant-numeric:tabular-nums}\
        .meta{color:#555;font-size:13px}\
        .text{white-space:pre-wrap;font-family:Georgia,serif;line-height:1.9}\
        mark.span{color:inherit;padding:0 1px}\
        .swatch{display:inline-block;padding:0 6px;margin:2px;font-size:13px}\
        .kwic{font:13px/1.6 ui-monospace,monospace;border-collapse:collapse}\
        .kwic td{border:none;padding:0 4px;white-space:pre}\
        .kwic td.left{text-align:right}.kwic td.hit{font-weight:700}\
        .pager{margin:.5em 0}\
        .filters a{margin-right:.6em}.filters a.on{font-weight:700;text-decoration:none;color:#222}\
        svg text{font:12px system-ui,sans-serif}\
        .hits b{background:#F0E44288;font-weight:600}\
        .doc-labels{list-style:none;padding:0}\
        .doc-labels li{margin:2px 0}\
        .warning{border-left:4px solid #D55E00;background:#fdf1e8;padding:.3em .8em;margin:.5em 0}
        """
}
