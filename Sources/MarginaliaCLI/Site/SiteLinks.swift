import Foundation

/// Where the pages of the site are: URLs with query strings for `marginalia serve`, and
/// relative file names for the static `marginalia report`. Page renderers only link
/// through this, so one renderer serves both.
///
/// ```swift
/// let links: any SiteLinks = ServerLinks()
/// links.label("topic:defense", page: 2)   // "/label?name=topic%3Adefense&page=2"
/// ```
protocol SiteLinks: Sendable {
    var overview: String { get }
    func label(_ label: String, page: Int) -> String
    func document(_ id: String, plugin: String?) -> String
    /// Nil when the site has no search (the static report).
    var search: String? { get }
}

/// The web app's URLs: `/`, `/label?name=…&page=…`, `/document?id=…&plugin=…`, `/search`.
struct ServerLinks: SiteLinks {
    var overview: String { "/" }
    var search: String? { "/search" }

    func label(_ label: String, page: Int) -> String {
        "/label?name=\(Self.encode(label))" + (page > 0 ? "&page=\(page)" : "")
    }

    func document(_ id: String, plugin: String?) -> String {
        "/document?id=\(Self.encode(id))" + (plugin.map { "&plugin=\(Self.encode($0))" } ?? "")
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986).
    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

/// The static report's files, relative to the page linking: `index.html`,
/// `labels/<slug>-<page>.html`, `documents/<batch>.html#doc-<id>`.
struct StaticLinks: SiteLinks {
    /// The batch page of every document written.
    var batchOfDocument: [String: Int]
    /// True for pages in a subfolder (`labels/`, `documents/`): links go up one level.
    var nested: Bool
    var search: String? { nil }

    var overview: String { (nested ? "../" : "") + "index.html" }

    func label(_ label: String, page: Int) -> String { (nested ? "../" : "") + "labels/" + Self.labelFile(label, page: page) }

    func document(_ id: String, plugin: String?) -> String {
        guard let batch = batchOfDocument[id] else { return "#" }
        return (nested ? "../" : "") + "documents/" + Self.batchFile(batch) + "#doc-" + ServerLinks.encode(id)
    }

    static func labelFile(_ label: String, page: Int) -> String { slug(label) + "-\(page + 1).html" }
    static func batchFile(_ batch: Int) -> String { String(format: "batch-%04d.html", batch + 1) }

    /// A file-name-safe form of a label: letters, digits, `-` and `.` kept, `:` as `__`,
    /// anything else (`_` too) as `~` and its hex code, so different labels never collide.
    static func slug(_ label: String) -> String {
        var out = ""
        for scalar in label.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", ".": out.unicodeScalars.append(scalar)
            case ":": out += "__"
            default: out += String(format: "~%X", scalar.value)
            }
        }
        return out
    }
}
