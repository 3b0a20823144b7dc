/// Everything one plugin version produced for one document text: the unit the store
/// replaces atomically, so a re-run never duplicates and never half-writes.
///
/// ```swift
/// let output = PluginOutput(documentID: doc.id, textSHA256: doc.textSHA256,
///                           plugin: who, paramsSHA256: "", annotations: found)
/// try store.write(outputs: [output], runID: run)
/// ```
public struct PluginOutput: Sendable, Hashable {
    public var documentID: String
    public var textSHA256: String
    public var plugin: PluginIdentity
    /// Hash of the plugin's effective parameters (part of provenance and resume).
    public var paramsSHA256: String
    public var annotations: [Annotation]

    public init(documentID: String, textSHA256: String, plugin: PluginIdentity, paramsSHA256: String, annotations: [Annotation]) {
        self.documentID = documentID
        self.textSHA256 = textSHA256
        self.plugin = plugin
        self.paramsSHA256 = paramsSHA256
        self.annotations = annotations
    }
}
