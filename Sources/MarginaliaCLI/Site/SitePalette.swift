import Marginalia

/// Label styles for the report and the web app that colour-blind readers can tell apart:
/// the eight Okabe–Ito colours, each label also with its own underline pattern (solid,
/// dashed, dotted, double, wavy), so that two labels never differ by hue alone. Labels are
/// numbered in sorted order; neighbours differ in both colour and pattern.
///
/// ```swift
/// let palette = SitePalette(labels: ["entity:country", "topic:defense"])
/// palette.style(of: "topic:defense").css   // "background:#56B4E933;border-bottom:3px dashed #56B4E9"
/// ```
struct SitePalette: Sendable {
    /// Okabe & Ito's palette, safe for the common colour-vision deficiencies.
    static let colours = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
    static let patterns = ["solid", "dashed", "dotted", "double", "wavy"]

    struct Style: Sendable, Hashable {
        var colour: String
        var pattern: String

        /// Inline CSS for a highlighted span: a light fill and a patterned underline.
        var css: String {
            let line = pattern == "wavy" ? "text-decoration:underline wavy \(colour) 2px;text-underline-offset:4px"
                : "border-bottom:3px \(pattern) \(colour)"
            return "background:\(colour)33;\(line)"
        }
    }

    private var styles: [String: Style] = [:]

    init(labels: [String]) {
        for (index, label) in Set(labels).sorted().enumerated() {
            styles[label] = Style(colour: Self.colours[index % Self.colours.count], pattern: Self.patterns[index % Self.patterns.count])
        }
    }

    func style(of label: String) -> Style { styles[label] ?? Style(colour: "#999999", pattern: "solid") }

    /// A legend entry: the label's own highlight on its name.
    func swatch(_ label: String) -> String {
        "<span class=\"swatch\" style=\"\(style(of: label).css)\">\(HTML.escape(label))</span>"
    }
}
