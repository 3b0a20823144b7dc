/// Which annotations `marginalia query` (and the library) asks the store for. Every
/// field is optional; the empty query selects everything.
///
/// ```swift
/// var query = AnnotationQuery()
/// query.labels = LabelSelector("topic:")
/// query.plugin = "defense@1.0.0"       // a name, or name@version
/// query.minimumScore = 0.5
/// query.dateFrom = "2016-01-01"; query.language = "fr"
/// let found = try store.annotations(matching: query)
/// ```
public struct AnnotationQuery: Sendable, Hashable {
    /// Labels (exact, or prefixes ending in `.`/`:`).
    public var labels: LabelSelector = .all
    /// A plugin name, or `name@version`.
    public var plugin: String?
    public var documentID: String?
    /// Only annotations scoring at least this.
    public var minimumScore: Double?
    /// Document dates (`YYYY-MM-DD`, inclusive bounds).
    public var dateFrom: String?
    public var dateTo: String?
    /// Document language (ISO 639-1).
    public var language: String?
    /// Only spans whose covered text contains this (ASCII letters case-insensitive).
    public var textContains: String?
    /// At most this many annotations (in export order).
    public var limit: Int?

    public init() {}

    /// The plugin filter split into name and optional version.
    public var pluginNameAndVersion: (name: String, version: String?)? {
        guard let plugin else { return nil }
        guard let at = plugin.firstIndex(of: "@") else { return (plugin, nil) }
        return (String(plugin[..<at]), String(plugin[plugin.index(after: at)...]))
    }
}
