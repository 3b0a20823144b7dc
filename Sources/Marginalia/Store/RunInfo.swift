/// What a run records about itself: engine version, plugins with hashes, parameters and
/// inputs. Stored in the `runs` table as provenance.
///
/// ```swift
/// let run = RunInfo(plugins: [who], params: ["defense": ["min_hits": 2]], inputs: ["seeds"],
///                   pluginPaths: ["defense": "Plugins/defense/defense.lua"], settings: ["max_instructions": 1000000])
/// let runID = try store.beginRun(run)
/// ```
public struct RunInfo: Sendable {
    public var engineVersion: String
    public var plugins: [PluginIdentity]
    /// Per plugin name, its effective parameters.
    public var params: [String: JSONValue]
    public var inputs: [String]
    /// Per plugin name, the file it was loaded from (so a failure can be reproduced).
    public var pluginPaths: [String: String]
    /// How the run was made: sandbox limits, jobs… (`max_instructions`, `max_memory_mb`, `jobs`, `force`).
    public var settings: [String: JSONValue]

    public init(engineVersion: String = MarginaliaVersion.current, plugins: [PluginIdentity], params: [String: JSONValue], inputs: [String],
                pluginPaths: [String: String] = [:], settings: [String: JSONValue] = [:]) {
        self.engineVersion = engineVersion
        self.plugins = plugins
        self.params = params
        self.inputs = inputs
        self.pluginPaths = pluginPaths
        self.settings = settings
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
