/// An inline SVG bar chart of label counts per plugin (one bar per label × plugin,
/// grouped by label, coloured by plugin) for the HTML report. No script, no network.
///
/// ```swift
/// let svg = BarChartSVG.render(try store.countAnnotations(matching: AnnotationQuery()))
/// ```
public enum BarChartSVG {
    /// A fixed palette for plugins (by their sorted order).
    static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

    /// The `<svg>` element for `counts` (sorted by label, as the store returns them).
    public static func render(_ counts: [LabelPluginCount]) -> String {
        let plugins = Array(Set(counts.map { LayerMerger.key($0.plugin) })).sorted()
        let colour = Dictionary(uniqueKeysWithValues: plugins.enumerated().map { ($1, palette[$0 % palette.count]) })
        let maximum = max(1, counts.map(\.count).max() ?? 1)
        let rowHeight = 18, labelWidth = 260, barWidth = 420, legendHeight = 22 * plugins.count + 10
        var rows: [String] = []
        var y = 0
        var previousLabel: String?
        for row in counts {
            if row.label != previousLabel, previousLabel != nil { y += 6 }
            let key = LayerMerger.key(row.plugin)
            let width = max(1, Int((Double(row.count) / Double(maximum) * Double(barWidth)).rounded()))
            let labelText = row.label == previousLabel ? "" : HTML.escape(row.label)
            rows.append("""
                <g class="bar" data-label="\(HTML.escape(row.label))" data-plugin="\(HTML.escape(key))"><title>\(HTML.escape(row.label)) — \(HTML.escape(key)): \(row.count)</title>\
                <text x="\(labelWidth - 8)" y="\(y + 13)" text-anchor="end">\(labelText)</text>\
                <rect x="\(labelWidth)" y="\(y + 2)" width="\(width)" height="\(rowHeight - 4)" fill="\(colour[key]!)"/>\
                <text x="\(labelWidth + width + 6)" y="\(y + 13)">\(row.count)</text></g>
                """)
            previousLabel = row.label
            y += rowHeight
        }
        var legend: [String] = []
        for (index, plugin) in plugins.enumerated() {
            let ly = y + 12 + index * 22
            legend.append("<g class=\"legend\"><rect x=\"\(labelWidth)\" y=\"\(ly)\" width=\"14\" height=\"14\" fill=\"\(colour[plugin]!)\"/><text x=\"\(labelWidth + 20)\" y=\"\(ly + 12)\">\(HTML.escape(plugin))</text></g>")
        }
        let height = y + legendHeight + 10
        return "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 80)\" height=\"\(height)\" viewBox=\"0 0 \(labelWidth + barWidth + 80) \(height)\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"label counts per plugin\">\n"
            + (rows + legend).joined(separator: "\n") + "\n</svg>"
    }
}
