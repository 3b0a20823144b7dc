import Foundation
import Marginalia
import MarginaliaPresentation

/// Label counts per plugin version as an SVG bar chart on a log scale, so that 20
/// `topic:sanctions` stay visible beside 60,184 `entity:country`: one bar per label ×
/// plugin version, grouped by label, each label in its palette colour with its count
/// written beside it, gridlines at powers of ten, each label linking to its page.
///
/// ```swift
/// let svg = CountChart.render(counts, palette: palette, links: ServerLinks())
/// ```
enum CountChart {
    static func render(_ counts: [LabelPluginCount], palette: SitePalette, links: any SiteLinks) -> String {
        let rowHeight = 18, labelWidth = 300, barWidth = 420, top = 20
        let maximum = max(10, counts.map(\.count).max() ?? 1)
        let decades = Int(ceil(log10(Double(maximum))))
        func x(_ count: Int) -> Int { Int((log10(Double(max(1, count))) / Double(decades) * Double(barWidth)).rounded()) }
        var parts: [String] = []
        for decade in 0...decades {
            let gx = labelWidth + decade * barWidth / decades
            parts.append("<line x1=\"\(gx)\" y1=\"\(top - 4)\" x2=\"\(gx)\" y2=\"\(top + rowHeight * max(1, counts.count) + 6 * Set(counts.map(\.label)).count)\" stroke=\"#ddd\"/>"
                         + "<text x=\"\(gx)\" y=\"\(top - 8)\" text-anchor=\"middle\" fill=\"#666\">\(Self.power(decade))</text>")
        }
        var y = top
        var previous: String?
        for row in counts {
            if row.label != previous, previous != nil { y += 6 }
            let style = palette.style(of: row.label)
            let version = LayerMerger.key(row.plugin)
            let name = row.label == previous ? "" : "<a href=\"\(HTML.escape(links.label(row.label, page: 0)))\"><text x=\"\(labelWidth - 8)\" y=\"\(y + 13)\" text-anchor=\"end\">\(HTML.escape(row.label))</text></a>"
            let width = max(2, x(row.count))
            parts.append("""
                <g class="bar" data-label="\(HTML.escape(row.label))" data-plugin="\(HTML.escape(version))" data-count="\(row.count)">\
                <title>\(HTML.escape(row.label)) — \(HTML.escape(version)): \(row.count)</title>\(name)\
                <rect x="\(labelWidth)" y="\(y + 2)" width="\(width)" height="\(rowHeight - 4)" fill="\(style.colour)" stroke="#333" stroke-width="0.5"\
                \(style.pattern == "solid" ? "" : " fill-opacity=\"0.75\"")/>\
                <text x="\(labelWidth + width + 6)" y="\(y + 13)">\(row.count) <tspan fill="#666">\(HTML.escape(version))</tspan></text></g>
                """)
            previous = row.label
            y += rowHeight
        }
        let width = labelWidth + barWidth + 220, height = y + 10
        return "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
            + "role=\"img\" aria-label=\"annotations per label and plugin version, log scale\">\n" + parts.joined(separator: "\n") + "\n</svg>"
    }

    static func power(_ decade: Int) -> String {
        switch decade {
        case 0: return "1"
        case 1: return "10"
        case 2: return "100"
        case 3: return "1k"
        case 4: return "10k"
        case 5: return "100k"
        case 6: return "1M"
        default: return "1e\(decade)"
        }
    }
}
