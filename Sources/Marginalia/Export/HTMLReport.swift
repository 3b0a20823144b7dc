/// A self-contained static HTML report of a store: label counts per plugin as an SVG
/// chart, the agreement tables, and every document with its document labels and its spans
/// highlighted (a colour per label; the tooltip names label, plugin, version, hash and
/// score of every annotation under the pointer). Inline CSS only: no script, no network.
///
/// ```swift
/// let html = try HTMLReport.render(store: store)
/// try html.write(toFile: "report/index.html", atomically: true, encoding: .utf8)
/// ```
public enum HTMLReport {
    /// The whole page, `<!DOCTYPE html>` to `</html>`, for every document of `store`.
    public static func render(store: any AnnotationStore) throws -> String {
        let counts = try store.countAnnotations(matching: AnnotationQuery())
        let agreement = try AgreementReport.compute(store: store, labels: .all)
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Marginalia report</title>
            <style>
            body { font: 15px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; padding: 0 1em; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 13px; }
            th, td { border: 1px solid #ccc; padding: 2px 8px; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .document { border-top: 2px solid #ddd; margin-top: 1.5em; }
            .meta { color: #666; font-size: 13px; }
            .text { white-space: pre-wrap; font-family: Georgia, serif; line-height: 1.7; }
            mark.span { border-radius: 3px; padding: 0 1px; color: inherit; }
            mark.span.multi { text-decoration: underline 2px; text-underline-offset: 3px; }
            .doc-labels { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
            .doc-labels li { border-radius: 10px; padding: 0 8px; font-size: 13px; }
            .legend span { display: inline-block; border-radius: 3px; padding: 0 6px; margin: 2px; font-size: 13px; }
            </style>
            </head>
            <body>
            <h1>Marginalia report</h1>

            """
        let total = counts.reduce(0) { $0 + $1.count }
        out += "<p class=\"summary\">\(agreement.documents) documents, \(total) annotations, \(Set(counts.map { LayerMerger.key($0.plugin) }).count) plugin versions and layers.</p>\n"
        out += "<section id=\"counts\">\n<h2>Labels per plugin</h2>\n" + BarChartSVG.render(counts) + "\n</section>\n"
        out += "<section id=\"agreement\">\n<h2>Agreement</h2>\n"
        for table in agreement.tables() { out += htmlTable(table) }
        out += "</section>\n<section id=\"documents\">\n<h2>Documents</h2>\n"
        let labels = Array(Set(counts.map(\.label))).sorted()
        out += "<p class=\"legend\">" + labels.map { "<span style=\"background:\(LabelColor.background($0))\">\(HTML.escape($0))</span>" }.joined(separator: " ") + "</p>\n"
        try store.forEachDocumentAnnotations { document, annotations in
            out += renderDocument(document, annotations: annotations)
        }
        out += "</section>\n</body>\n</html>\n"
        return out
    }

    static func htmlTable(_ table: ReportTable) -> String {
        var out = "<table class=\"report-table\">\n<caption>\(HTML.escape(table.title))</caption>\n<tr>"
        out += table.columns.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr>\n"
        for row in table.rows {
            out += "<tr>" + row.map { ReportTable.looksNumeric($0) ? "<td class=\"num\">\($0)</td>" : "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }

    static func describe(_ annotation: Annotation) -> String {
        "\(annotation.label) — \(annotation.plugin.name) \(annotation.plugin.version) (\(annotation.plugin.sha256.prefix(12))) — score \(JSONValue.format(annotation.score))"
    }

    /// One document: title, metadata, document labels, and the text cut at every span
    /// boundary, each piece marked with the spans covering it.
    static func renderDocument(_ document: Document, annotations: [Annotation]) -> String {
        let meta = document.metadata
        var out = "<article class=\"document\" id=\"doc-\(HTML.escape(document.id))\">\n"
        out += "<h3>\(HTML.escape(meta.title ?? document.id))</h3>\n"
        out += "<p class=\"meta\">\(HTML.escape(document.id)) · \(HTML.escape(meta.date ?? "no date")) · \(HTML.escape(meta.language ?? "und"))</p>\n"
        let labels = annotations.filter { $0.span == nil }
        out += "<ul class=\"doc-labels\">"
        for label in labels {
            out += "<li style=\"background:\(LabelColor.background(label.label))\" title=\"\(HTML.escape(describe(label)))\">\(HTML.escape(label.label)) <small>\(HTML.escape(label.plugin.name)) \(JSONValue.format((label.score * 100).rounded() / 100))</small></li>"
        }
        out += "</ul>\n<div class=\"text\">"
        let spans = annotations.filter { $0.span != nil }
        let utf8 = Array(document.text.utf8)
        var cuts = Set([0, utf8.count])
        for span in spans { cuts.insert(span.span!.byteStart); cuts.insert(span.span!.byteEnd) }
        let boundaries = cuts.sorted()
        for (start, end) in zip(boundaries, boundaries.dropFirst()) where start < end {
            let piece = HTML.escape(String(decoding: utf8[start..<end], as: UTF8.self))
            let covering = spans.filter { $0.span!.byteStart <= start && $0.span!.byteEnd >= end }
            guard !covering.isEmpty else { out += piece; continue }
            let distinct = Array(Set(covering.map(\.label))).sorted()
            let tooltip = covering.map(describe).joined(separator: "\n")
            out += "<mark class=\"span\(distinct.count > 1 ? " multi" : "")\" data-labels=\"\(HTML.escape(distinct.joined(separator: " ")))\" "
                + "style=\"background:\(LabelColor.background(distinct[0]))\(distinct.count > 1 ? ";text-decoration-color:\(LabelColor.strong(distinct[1]))" : "")\" "
                + "title=\"\(HTML.escape(tooltip))\">\(piece)</mark>"
        }
        out += "</div>\n</article>\n"
        return out
    }
}
