/// A run as recorded in the store: what ran, how, over what, and how it ended.
///
/// ```swift
/// if let run = try store.run(id: 3) {
///     print(run.status, run.pluginPaths["defense"] ?? "?", run.settings["max_instructions"] ?? .null)
/// }
/// ```
public struct StoredRun: Sendable, Hashable {
    public var id: Int64
    public var startedAt: String
    public var finishedAt: String?
    /// `running` (or killed), `completed`, `failed` or `interrupted`.
    public var status: String
    public var plugins: [PluginIdentity]
    /// Per plugin name, the file it was loaded from.
    public var pluginPaths: [String: String]
    public var inputs: [String]
    /// See ``RunInfo/settings``.
    public var settings: [String: JSONValue]
    public var counts: RunCounts
    /// CPU seconds per stage, when the run measured them (`annotate --timings`).
    public var timings: RunTimings?

    public init(id: Int64, startedAt: String, finishedAt: String?, status: String, plugins: [PluginIdentity],
                pluginPaths: [String: String], inputs: [String], settings: [String: JSONValue], counts: RunCounts,
                timings: RunTimings? = nil) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.plugins = plugins
        self.pluginPaths = pluginPaths
        self.inputs = inputs
        self.settings = settings
        self.counts = counts
        self.timings = timings
    }
}

/// A failure as recorded by a run.
///
/// ```swift
/// for recorded in try store.recordedErrors(runID: nil) { print(recorded.runID, recorded.error) }
/// ```
public struct RecordedError: Sendable, Hashable {
    public var runID: Int64
    public var error: ProcessingError

    public init(runID: Int64, error: ProcessingError) {
        self.runID = runID
        self.error = error
    }
}
