/// What a run records about itself: engine version, plugins with hashes, parameters and
/// inputs. Stored in the `runs` table as provenance.
///
/// ```swift
/// let run = RunInfo(plugins: [who], params: ["defense": ["min_hits": 2]], inputs: ["seeds"])
/// let runID = try store.beginRun(run)
/// ```
public struct RunInfo: Sendable {
    public var engineVersion: String
    public var plugins: [PluginIdentity]
    /// Per plugin name, its effective parameters.
    public var params: [String: JSONValue]
    public var inputs: [String]

    public init(engineVersion: String = MarginaliaVersion.current, plugins: [PluginIdentity], params: [String: JSONValue], inputs: [String]) {
        self.engineVersion = engineVersion
        self.plugins = plugins
        self.params = params
        self.inputs = inputs
    }
}

/// The engine's version, recorded with every run.
public enum MarginaliaVersion {
    /// Semantic version of this build of the engine.
    public static let current = "0.1.0"
}

/// What a finished run did.
public struct RunCounts: Sendable, Hashable {
    public var documents: Int
    public var annotations: Int
    public var errors: Int

    public init(documents: Int = 0, annotations: Int = 0, errors: Int = 0) {
        self.documents = documents
        self.annotations = annotations
        self.errors = errors
    }
}
