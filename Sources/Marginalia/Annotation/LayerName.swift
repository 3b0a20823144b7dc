/// Names of the pseudo-plugins that hold derived layers beside the raw plugin output.
///
/// A merged layer is stored as annotations of the plugin `merged` whose version is the
/// policy spec and whose hash is the hash of its inputs; imported hand annotations are
/// stored under `gold` (or a name given at import).
///
/// ```swift
/// let raw = identities.filter { !LayerName.isDerived($0.name) }
/// ```
public enum LayerName {
    /// The layer `marginalia merge` writes.
    public static let merged = "merged"
    /// The default layer of imported hand annotations.
    public static let gold = "gold"

    /// True for layers that are not the output of a Lua plugin run.
    public static func isDerived(_ name: String) -> Bool { name == merged || name == gold }
}
