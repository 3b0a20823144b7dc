import Foundation
import Marginalia
import MarginaliaPresentation

/// The web app's pages, independent of the HTTP server: a method, a path and query items
/// in, a status and an HTML page out. Only GET and HEAD exist (the store is never
/// written); an unknown page or document is a 404 page, a malformed parameter a 400 page.
///
/// ```swift
/// let router = SiteRouter(store: store)
/// let response = router.respond(method: "GET", path: "/label", query: [("name", "un.vote")])
/// // response.status == 200, response.html is the label page
/// ```
final class SiteRouter: @unchecked Sendable {
    struct Response: Sendable {
        var status: Int
        var html: String
    }

    /// A request the router refuses, with the status to answer.
    struct Refusal: Error {
        var status: Int
        var message: String
    }

    let store: any BrowsableStore
    let index: any DocumentSearching
    private let links = ServerLinks()
    private let lock = NSLock()
    private var cachedOverview: Overview?
    private var cachedStats: [String: (run: Int64?, stats: LabelStats)] = [:]

    init(store: any BrowsableStore) {
        self.store = store
        index = store.makeSearchIndex()
    }

    func respond(method: String, path: String, query: [(name: String, value: String)]) -> Response {
        do {
            guard method == "GET" || method == "HEAD" else { throw Refusal(status: 405, message: "this site is read-only: \(method) is not allowed") }
            let parameters = try Parameters(query)
            switch path {
            case "/", "/index.html":
                try parameters.allow([])
                return Response(status: 200, html: OverviewPage.render(try overview(), links: links))
            case "/label":
                try parameters.allow(["name", "plugin", "page", "docs"])
                guard let label = parameters["name"], !label.isEmpty else { throw Refusal(status: 400, message: "name the label: /label?name=topic:defense") }
                let overview = try overview()
                guard overview.counts.contains(where: { $0.label == label }) else { throw Refusal(status: 404, message: "no label '\(label)' in the store") }
                var request = LabelRequest(label: label, plugin: parameters["plugin"])
                request.page = try parameters.page()
                request.documentsPage = try parameters.page("docs")
                return Response(status: 200, html: try LabelPage.render(request, stats: try labelStats(label, plugin: request.plugin, run: overview.latestRun),
                                                                       store: store, palette: overview.palette, links: links))
            case "/document":
                try parameters.allow(["id", "plugin"])
                guard let id = parameters["id"], !id.isEmpty else { throw Refusal(status: 400, message: "name the document: /document?id=…") }
                guard let view = try DocumentView.read(id, from: store) else { throw Refusal(status: 404, message: "no document '\(id)' in the store") }
                return Response(status: 200, html: DocumentPage.render(view, plugin: parameters["plugin"], palette: try overview().palette, links: links))
            case "/search":
                try parameters.allow(["q", "label", "plugin", "from", "to", "language", "page"])
                var request = SearchRequest(q: parameters["q"] ?? "")
                request.label = parameters["label"]
                request.plugin = parameters["plugin"]
                request.from = try parameters.date("from")
                request.to = try parameters.date("to")
                request.language = parameters["language"]
                request.page = try parameters.page()
                do {
                    return Response(status: 200, html: try SearchPage.render(request, index: index, store: store, overview: try overview(), links: links))
                } catch let error as SearchError {
                    throw Refusal(status: 400, message: error.description)
                }
            default:
                throw Refusal(status: 404, message: "no page \(path)")
            }
        } catch let refusal as Refusal {
            return errorPage(refusal.status, refusal.message)
        } catch {
            return errorPage(500, "\(error)")
        }
    }

    /// `a=1&b=x+y%2B` as `[("a", "1"), ("b", "x y+")]`: `+` is a space, as HTML forms
    /// send it, then percent-escapes are decoded (undecodable text is kept as it is).
    static func queryItems(_ raw: String) -> [(name: String, value: String)] {
        raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { part in
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    /// The overview, read again when a run was recorded since.
    func overview() throws -> Overview {
        let latest = try store.latestRunID()
        if let cached = lock.withLock({ cachedOverview }), cached.latestRun == latest { return cached }
        let fresh = try Overview.read(from: store)
        lock.withLock { cachedOverview = fresh }
        return fresh
    }

    /// A label's counts, kept until a new run is recorded.
    func labelStats(_ label: String, plugin: String?, run: Int64?) throws -> LabelStats {
        let key = label + "\u{0}" + (plugin ?? "")
        if let cached = lock.withLock({ cachedStats[key] }), cached.run == run { return cached.stats }
        let stats = try LabelStats.read(label: label, plugin: plugin, from: store)
        lock.withLock { cachedStats[key] = (run, stats) }
        return stats
    }

    private func errorPage(_ status: Int, _ message: String) -> Response {
        let title = [400: "Bad request", 404: "Not found", 405: "Method not allowed"][status] ?? "Error"
        let body = "<h1>\(status) · \(title)</h1>\n<p class=\"error\">\(HTML.escape(message))</p>\n<p><a href=\"/\">Back to the overview</a></p>"
        return Response(status: status, html: SitePage.render(title: title, links: links, body: body))
    }
}

/// Query items checked: each name at most once, only known names, empty values absent.
struct Parameters {
    private var values: [String: String] = [:]

    init(_ items: [(name: String, value: String)]) throws {
        for (name, value) in items {
            if values[name] != nil { throw SiteRouter.Refusal(status: 400, message: "'\(name)' is given twice") }
            values[name] = value
        }
    }

    subscript(_ name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }

    func allow(_ names: Set<String>) throws {
        if let unknown = values.keys.sorted().first(where: { !names.contains($0) }) {
            throw SiteRouter.Refusal(status: 400, message: "unknown parameter '\(unknown)'"
                                     + (names.isEmpty ? "" : "; this page takes \(names.sorted().joined(separator: ", "))"))
        }
    }

    /// A page number (0-based, as in the URLs the pagers write; `page` unless named), 0 when absent.
    func page(_ name: String = "page") throws -> Int {
        guard let text = self[name] else { return 0 }
        guard let page = Int(text), page >= 0, page < 100_000_000 else {
            throw SiteRouter.Refusal(status: 400, message: "\(name) must be a whole number from 0, not '\(text)'")
        }
        return page
    }

    func date(_ name: String) throws -> String? {
        guard let text = self[name] else { return nil }
        guard AnnotationFilterOptions.looksLikeDate(text) else {
            throw SiteRouter.Refusal(status: 400, message: "\(name) must be a date YYYY-MM-DD, not '\(text)'")
        }
        return text
    }
}
