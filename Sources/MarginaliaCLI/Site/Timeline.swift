import Marginalia
import MarginaliaPresentation

/// Labels per month as small multiples: one row per label (the most frequent first), a
/// bar per month on a shared month axis, each row on its own scale (its peak written at
/// the end) so that a rare label's shape is as readable as a common one's.
///
/// ```swift
/// let svg = Timeline.render(try store.monthlyCounts(), palette: palette, links: links, rows: 12)
/// ```
enum Timeline {
    static func render(_ counts: [MonthlyCount], palette: SitePalette, links: any SiteLinks, rows: Int = 16) -> String {
        guard !counts.isEmpty else { return "<p class=\"meta\">No document has a date: no timeline.</p>" }
        let months = Set(counts.map(\.month)).sorted()
        var byLabel: [String: [String: Int]] = [:]
        for count in counts { byLabel[count.label, default: [:]][count.month, default: 0] += count.count }
        let labels = byLabel.keys.sorted { (byLabel[$0]!.values.reduce(0, +), $1) > (byLabel[$1]!.values.reduce(0, +), $0) }.prefix(rows)
        let labelWidth = 220, rowHeight = 26, plotWidth = 560
        let step = max(1, plotWidth / max(1, months.count))
        var parts: [String] = []
        for (row, label) in labels.enumerated() {
            let y = row * rowHeight
            let series = byLabel[label]!
            let peak = max(1, series.values.max() ?? 1)
            let colour = palette.style(of: label).colour
            parts.append("<a href=\"\(HTML.escape(links.label(label, page: 0)))\"><text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(HTML.escape(label))</text></a>")
            for (index, month) in months.enumerated() {
                guard let value = series[month] else { continue }
                let height = max(1, value * (rowHeight - 6) / peak)
                parts.append("<rect x=\"\(labelWidth + index * step)\" y=\"\(y + rowHeight - 4 - height)\" width=\"\(max(1, step - 1))\" height=\"\(height)\" fill=\"\(colour)\" stroke=\"#333\" stroke-width=\"0.3\"><title>\(HTML.escape(label)) \(month): \(value)</title></rect>")
            }
            parts.append("<text x=\"\(labelWidth + months.count * step + 6)\" y=\"\(y + 17)\" fill=\"#666\">peak \(peak)</text>")
        }
        let axisY = labels.count * rowHeight + 14
        parts.append("<text x=\"\(labelWidth)\" y=\"\(axisY)\" fill=\"#666\">\(months.first!)</text>")
        parts.append("<text x=\"\(labelWidth + months.count * step)\" y=\"\(axisY)\" text-anchor=\"end\" fill=\"#666\">\(months.last!)</text>")
        let width = labelWidth + months.count * step + 90, height = axisY + 6
        return "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
            + "role=\"img\" aria-label=\"annotations per month, one row per label\">\n" + parts.joined(separator: "\n") + "\n</svg>"
    }
}
