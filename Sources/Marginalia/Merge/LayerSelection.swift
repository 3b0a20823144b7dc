/// Picks the plugin versions a merge, agreement or evaluation reads: raw plugin layers
/// (never `merged` or hand annotations), the latest version of each unless all are asked for.
///
/// ```swift
/// let inputs = LayerSelection.rawInputs(from: try store.layers(), allVersions: false)
/// ```
public enum LayerSelection {
    /// Raw plugin layers, latest version per name (or all), sorted by name and version.
    public static func rawInputs(from layers: [PluginIdentity], allVersions: Bool) -> [PluginIdentity] {
        let raw = layers.filter { !LayerName.isDerived($0) }
        return allVersions ? sorted(raw) : latest(raw)
    }

    /// The latest version of each name (the last stored hash when one version has several).
    public static func latest(_ layers: [PluginIdentity]) -> [PluginIdentity] {
        let byName = Dictionary(grouping: layers, by: \.name)
        return sorted(byName.values.compactMap { versions in
            guard let newest = VersionOrder.latest(versions.map(\.version)) else { return nil }
            return versions.filter { $0.version == newest }.max { $0.sha256 < $1.sha256 }
        })
    }

    /// Layers matching `name` or `name@version`, latest first when no version is given.
    public static func matching(_ pattern: String, in layers: [PluginIdentity]) -> [PluginIdentity] {
        if let at = pattern.firstIndex(of: "@") {
            let name = String(pattern[..<at]), version = String(pattern[pattern.index(after: at)...])
            return layers.filter { $0.name == name && $0.version == version }
        }
        return latest(layers.filter { $0.name == pattern })
    }

    static func sorted(_ layers: [PluginIdentity]) -> [PluginIdentity] {
        layers.sorted { ($0.name, $0.version, $0.sha256) < ($1.name, $1.version, $1.sha256) }
    }
}
