/// Names of the pseudo-plugins that hold derived layers beside the raw plugin output.
///
/// A merged layer is stored as annotations of the plugin `merged` whose version is the
/// policy spec and whose hash is the hash of its inputs. Imported hand annotations are
/// stored under `gold` (or a name given at import, such as `alice`) with the version
/// `brat`, which is what marks them as hand-made whatever their name.
///
/// ```swift
/// let raw = identities.filter { !LayerName.isDerived($0) }
/// LayerName.isHandAnnotation(PluginIdentity(name: "alice", version: "brat", sha256: "…"))  // true
/// ```
public enum LayerName {
    /// The layer `marginalia merge` writes.
    public static let merged = "merged"
    /// The default layer of imported hand annotations.
    public static let gold = "gold"
    /// The version every layer imported from brat `.ann` files carries.
    public static let handAnnotationVersion = "brat"

    /// True for layers that are not the output of a Lua plugin run: merges and hand
    /// annotations.
    public static func isDerived(_ layer: PluginIdentity) -> Bool {
        layer.name == merged || isHandAnnotation(layer)
    }

    /// True for hand annotations imported from brat (`gold`, or any `--layer` name).
    public static func isHandAnnotation(_ layer: PluginIdentity) -> Bool {
        layer.name == gold || layer.version == handAnnotationVersion
    }
}
