/// One finding of a plugin: a label on a span of a document, or on the whole document
/// when `span` is nil, with a score in 0…1, free-form features and its provenance.
///
/// ```swift
/// let a = Annotation(documentID: "000", label: "topic:defense", span: nil, score: 0.8,
///                    features: ["hits": 5], plugin: who)
/// ```
public struct Annotation: Sendable, Hashable {
    public var documentID: String
    public var label: String
    public var span: Span?
    public var score: Double
    /// A JSON object.
    public var features: JSONValue
    public var plugin: PluginIdentity

    public init(documentID: String, label: String, span: Span?, score: Double, features: JSONValue = .object([:]), plugin: PluginIdentity) {
        self.documentID = documentID
        self.label = label
        self.span = span
        self.score = score
        self.features = features
        self.plugin = plugin
    }
}
