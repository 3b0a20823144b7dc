import Marginalia
import MarginaliaPresentation

/// One document: its metadata, its document labels with scores and features, its text
/// with every span highlighted (labels told apart by colour and underline pattern; the
/// tooltip names label, plugin, version and score), a legend, a filter by plugin version,
/// the spans as a table, and the provenance of each plugin's output (SHA-256, run, params).
///
/// ```swift
/// let html = DocumentPage.render(DocumentView(document: doc, annotations: all, runs: runs),
///                                plugin: "places@1.0.1", palette: palette, links: ServerLinks())
/// ```
enum DocumentPage {
    /// The page; `plugin` (a name or name@version) keeps only that layer's annotations.
    static func render(_ view: DocumentView, plugin: String?, palette: SitePalette, links: any SiteLinks) -> String {
        SitePage.render(title: view.document.metadata.title ?? view.document.id, links: links,
                        body: article(view, plugin: plugin, palette: palette, links: links, heading: "h1"))
    }

    /// The document as an `<article>`, for its own page or a batch page of the report.
    static func article(_ view: DocumentView, plugin: String?, palette: SitePalette, links: any SiteLinks,
                        heading: String = "h2", filters: Bool = true) -> String {
        var query = AnnotationQuery()
        query.plugin = plugin
        let shown = view.annotations.filter { query.pluginMatches($0.plugin) }
        let document = view.document
        let meta = document.metadata
        var out = "<article class=\"document\" id=\"doc-\(HTML.escape(ServerLinks.encode(document.id)))\" data-id=\"\(HTML.escape(document.id))\">\n"
        out += "<\(heading)>\(HTML.escape(meta.title ?? document.id))</\(heading)>\n"
        out += "<p class=\"meta\">\(HTML.escape(document.id)) · \(HTML.escape(meta.date ?? "no date")) · \(HTML.escape(meta.language ?? "und"))"
            + (meta.source.map { " · \(HTML.escape($0))" } ?? "") + "</p>\n"
        if filters {
            let versions = Set(view.annotations.map { LayerMerger.key($0.plugin) }).sorted()
            out += "<p class=\"filters\">Plugin: <a class=\"\(plugin == nil ? "on" : "")\" href=\"\(HTML.escape(links.document(document.id, plugin: nil)))\">all</a>"
            for version in versions {
                out += "<a class=\"\(plugin == version ? "on" : "")\" href=\"\(HTML.escape(links.document(document.id, plugin: version)))\">\(HTML.escape(version))</a>"
            }
            out += "</p>\n"
        }
        let labels = shown.filter { $0.span == nil }
        out += "<ul class=\"doc-labels\">"
        for label in labels {
            out += "<li>\(palette.swatch(label.label)) score \(JSONValue.number(label.score).serialized()) · \(HTML.escape(LayerMerger.key(label.plugin)))"
                + featureText(label) + "</li>"
        }
        out += labels.isEmpty ? "<li class=\"meta\">no document labels</li></ul>\n" : "</ul>\n"
        let utf8 = Array(document.text.utf8)
        // Numbered as in the table; a span that does not fit the text is listed, never cut.
        let spans = shown.filter { $0.span != nil }.enumerated().map { NumberedSpan(number: $0.offset + 1, annotation: $0.element) }
        let problems = spans.compactMap { span in SpanFit.problem(span.annotation.span!, in: utf8).map { (span, $0) } }
        let fitting = problems.isEmpty ? spans : spans.filter { span in !problems.contains { $0.0.number == span.number } }
        let present = Set(spans.map(\.annotation.label)).sorted()
        if !present.isEmpty { out += "<p class=\"legend\">" + present.map(palette.swatch).joined(separator: " ") + "</p>\n" }
        if !problems.isEmpty {
            out += "<div class=\"warning\"><p>\(problems.count) of \(spans.count) spans cannot be shown in this text of \(utf8.count) bytes "
                + "(the store may be damaged: <code>marginalia check</code> lists every such span):</p>\n<ul>"
                + problems.map { span, problem in
                    "<li>span \(span.number), \(HTML.escape(span.annotation.label)) of \(HTML.escape(LayerMerger.key(span.annotation.plugin))): \(HTML.escape(problem))</li>"
                }.joined() + "</ul></div>\n"
        }
        out += "<div class=\"text\">" + highlighted(utf8, spans: fitting, palette: palette) + "</div>\n"
        if !spans.isEmpty {
            out += SitePage.table(caption: "\(spans.count) spans", columns: ["#", "label", "start", "end", "text", "score", "plugin", "features"],
                                  rows: spans.map { numbered in
                                      let (span, range) = (numbered.annotation, numbered.annotation.span!)
                                      let text = SpanFit.problem(range, in: utf8) == nil
                                          ? HTML.escape(String(decoding: utf8[range.byteStart..<range.byteEnd], as: UTF8.self))
                                          : "<span class=\"meta\">not shown: bytes \(range.byteStart)..&lt;\(range.byteEnd)</span>"
                                      return [String(numbered.number), HTML.escape(span.label), String(range.codePointStart), String(range.codePointEnd),
                                              text, JSONValue.number(span.score).serialized(), HTML.escape(LayerMerger.key(span.plugin)),
                                              HTML.escape(features(span))]
                                  }, numeric: [0, 2, 3, 5])
        }
        if !view.runs.isEmpty {
            out += SitePage.table(caption: "provenance", columns: ["plugin", "version", "SHA-256", "run", "params SHA-256"],
                                  rows: view.runs.filter { query.pluginMatches($0.plugin) }.map {
                                      [HTML.escape($0.plugin.name), HTML.escape($0.plugin.version), "<code>\(HTML.escape($0.plugin.sha256))</code>",
                                       String($0.runID), "<code>\(HTML.escape(String($0.paramsSHA256.prefix(16))))</code>"]
                                  })
        }
        return out + "</article>\n"
    }

    /// A span and its number on the page (1-based, as in the table).
    struct NumberedSpan {
        var number: Int
        var annotation: Annotation
    }

    /// The text cut at every span boundary; each piece covered by spans is a `<mark>`
    /// naming the spans (`data-spans`, their numbers in the table) and their labels. Every
    /// span must fit the text (see `SpanFit`).
    static func highlighted(_ utf8: [UInt8], spans: [NumberedSpan], palette: SitePalette) -> String {
        var cuts = Set([0, utf8.count])
        for span in spans { cuts.insert(span.annotation.span!.byteStart); cuts.insert(span.annotation.span!.byteEnd) }
        let boundaries = cuts.sorted()
        var out = ""
        for (start, end) in zip(boundaries, boundaries.dropFirst()) where start < end {
            let piece = HTML.escape(String(decoding: utf8[start..<end], as: UTF8.self))
            let covering = spans.filter { $0.annotation.span!.byteStart <= start && $0.annotation.span!.byteEnd >= end }
            guard let first = covering.first else { out += piece; continue }
            let labels = Array(Set(covering.map(\.annotation.label))).sorted()
            let tooltip = covering.map(\.annotation).map { "\($0.label) — \(LayerMerger.key($0.plugin)) (\($0.plugin.sha256.prefix(12))) — score \(JSONValue.number($0.score).serialized())" }
                .joined(separator: "\n")
            out += "<mark class=\"span\" data-spans=\"\(covering.map { String($0.number) }.joined(separator: " "))\" "
                + "data-labels=\"\(HTML.escape(labels.joined(separator: " ")))\" style=\"\(palette.style(of: first.annotation.label).css)\" "
                + "title=\"\(HTML.escape(tooltip))\">\(piece)</mark>"
        }
        return out
    }

    private static func features(_ annotation: Annotation) -> String {
        guard let object = annotation.features.objectValue, !object.isEmpty else { return "" }
        return annotation.features.serialized()
    }

    private static func featureText(_ annotation: Annotation) -> String {
        let text = features(annotation)
        return text.isEmpty ? "" : " · <code>\(HTML.escape(text))</code>"
    }
}

/// A document with everything its page shows.
struct DocumentView: Sendable {
    var document: Document
    var annotations: [Annotation]
    var runs: [OutputRun]

    static func read(_ id: String, from store: any BrowsableStore) throws -> DocumentView? {
        guard let document = try store.document(id: id) else { return nil }
        return DocumentView(document: document, annotations: try store.annotations(documentID: id), runs: try store.outputRuns(documentID: id))
    }
}
