/// How many annotations one plugin version made with one label (`marginalia query --count`).
///
/// ```swift
/// for row in try store.countAnnotations(matching: AnnotationQuery()) {
///     print(row.label, row.plugin.name, row.plugin.version, row.count)
/// }
/// ```
public struct LabelPluginCount: Sendable, Hashable {
    public var label: String
    public var plugin: PluginIdentity
    public var count: Int

    public init(label: String, plugin: PluginIdentity, count: Int) {
        self.label = label
        self.plugin = plugin
        self.count = count
    }
}
