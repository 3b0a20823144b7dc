import Foundation
import Marginalia
import MarginaliaLua

/// The plugin files of a run, in dependency order, with their parameter overrides.
/// Validated once up front (a missing dependency, a cycle or a broken plugin is an error
/// before any document is read); each worker then loads its own copy with `makeHost()`.
///
/// ```swift
/// let set = try PluginSet(paths: ["Plugins/defense/defense.lua", "Plugins/un_votes/un_votes.lua"])
/// let host = try set.makeHost()   // one per worker thread
/// ```
public struct PluginSet: Sendable {
    /// Descriptors in run order.
    public let descriptors: [PluginDescriptor]
    public let limits: SandboxLimits
    /// Overrides by plugin name.
    public let params: [String: [String: JSONValue]]
    /// Where `marginalia.use` finds libraries after the plugins' own folders (nil: the
    /// default search path, see `PluginHost.libraryPath`).
    public let libraryPath: [String]?
    /// The host that read the manifests, for the first ``makeHost(onLog:)`` (see ``SpareHost``).
    let spareHost: SpareHost?

    public init(paths: [String], params: [String: [String: JSONValue]] = [:], limits: SandboxLimits = SandboxLimits(),
                libraryPath: [String]? = nil) throws(PluginError) {
        let spare = SpareHost()
        let probe = try Self.probe(limits: limits, libraryPath: libraryPath, spare: spare)
        var loaded: [PluginDescriptor] = []
        for path in paths { loaded.append(try probe.load(path: path)) }
        try self.init(loaded: loaded, params: params, limits: limits, libraryPath: libraryPath, probe: (probe, spare))
    }

    /// A set from descriptors loaded with their defaults: `params` are checked against
    /// them and merged in, then the plugins are put in dependency order. `probe` is the host
    /// that loaded them, kept for the first host asked for when it can serve (``SpareHost``).
    init(loaded: [PluginDescriptor], params: [String: [String: JSONValue]], limits: SandboxLimits,
         libraryPath: [String]?, probe: (host: PluginHost, spare: SpareHost)? = nil) throws(PluginError) {
        var loaded = loaded
        for (name, overrides) in params {
            guard let index = loaded.firstIndex(where: { $0.name == name }) else {
                throw PluginError(kind: .manifest, message: "parameters given for '\(name)', which is not among the plugins in use")
            }
            if let unknown = Set(overrides.keys).subtracting(loaded[index].params.keys).sorted().first {
                let known = loaded[index].params.keys.sorted().joined(separator: ", ")
                throw PluginError(kind: .manifest, message: "unknown parameter '\(unknown)' for plugin '\(name)' (it has: \(known.isEmpty ? "none" : known))", file: loaded[index].path)
            }
            for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
                if let mismatch = ParamType.mismatch(value, default: loaded[index].params[key]!) {
                    throw PluginError(kind: .manifest, message: "parameter '\(key)' of plugin '\(name)' \(mismatch)", file: loaded[index].path)
                }
            }
            loaded[index].params.merge(overrides) { _, override in override }
        }
        let descriptors = try Self.dependencyOrder(loaded, params: params, limits: limits)
        self.descriptors = descriptors
        self.limits = limits
        self.params = params
        self.libraryPath = libraryPath
        spareHost = probe.flatMap { Self.spare($0.spare, probe: $0.host, descriptors: descriptors, params: params) }
    }

    /// A set known without loading it (``RecordedPluginSet``): the descriptors as a load
    /// gave them, in run order; ``makeHost(onLog:)`` loads their files when asked.
    init(recorded descriptors: [PluginDescriptor], params: [String: [String: JSONValue]], limits: SandboxLimits,
         libraryPath: [String]?) {
        self.descriptors = descriptors
        self.limits = limits
        self.params = params
        self.libraryPath = libraryPath
        spareHost = nil
    }

    /// The same plugins with `params` overriding their parameters (on top of this set's own
    /// overrides), checked as ``init(paths:params:limits:libraryPath:)`` checks them, without
    /// loading the files again.
    ///
    /// ```swift
    /// let defaults = try PluginSet(paths: ["Plugins/defense/defense.lua"])
    /// let strict = try defaults.applying(params: ["defense": ["min_hits": 3]])
    /// ```
    public func applying(params: [String: [String: JSONValue]]) throws(PluginError) -> PluginSet {
        var combined = self.params
        for (name, overrides) in params { combined[name, default: [:]].merge(overrides) { _, override in override } }
        return try PluginSet(loaded: descriptors, params: combined, limits: limits, libraryPath: libraryPath)
    }

    /// A host that loads plugins to read their manifests. Their logs are dropped, or kept in
    /// `spare` for the host's later taker.
    static func probe(limits: SandboxLimits, libraryPath: [String]?, spare: SpareHost? = nil) throws(PluginError) -> PluginHost {
        let probe = try PluginHost(limits: limits)
        if let spare { spare.listen(to: probe) } else { probe.onLog = { _, _ in } }
        if let libraryPath { probe.libraryPath = libraryPath }
        return probe
    }

    /// Orders plugins so each runs after what it requires; names the missing plugin or the cycle.
    static func dependencyOrder(_ plugins: [PluginDescriptor], params: [String: [String: JSONValue]], limits: SandboxLimits) throws(PluginError) -> [PluginDescriptor] {
        let byName = Dictionary(plugins.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for plugin in plugins {
            for required in plugin.requires where byName[required] == nil {
                throw PluginError(kind: .dependency, message: "plugin '\(plugin.name)' requires '\(required)', which is not among the plugins in use", file: plugin.path)
            }
        }
        var ordered: [PluginDescriptor] = []
        var state: [String: Int] = [:]   // 1 = visiting, 2 = done
        func visit(_ plugin: PluginDescriptor, path: [String]) throws(PluginError) {
            if state[plugin.name] == 2 { return }
            if state[plugin.name] == 1 {
                let cycle = (path.drop { $0 != plugin.name } + [plugin.name]).joined(separator: " → ")
                throw PluginError(kind: .dependency, message: "plugins require each other in a cycle: \(cycle)", file: plugin.path)
            }
            state[plugin.name] = 1
            for required in plugin.requires { try visit(byName[required]!, path: path + [plugin.name]) }
            state[plugin.name] = 2
            ordered.append(plugin)
        }
        for plugin in plugins { try visit(plugin, path: []) }
        return ordered
    }

    /// A host with every plugin loaded in run order, for one thread: the first call may
    /// return the host that read the manifests (``SpareHost``: same files, same order, same
    /// parameters), later calls load the files into a new one. `onLog` (default: standard
    /// error) gets what the plugins log, from their loading on.
    ///
    /// ```swift
    /// let set = try PluginSet(paths: ["Plugins/defense/defense.lua"])
    /// let host = try set.makeHost { plugin, message in print(plugin, message) }
    /// ```
    public func makeHost(onLog: ((String, String) -> Void)? = nil) throws(PluginError) -> PluginHost {
        if let (host, logs) = spareHost?.take() {
            if let onLog { host.onLog = onLog }
            for log in logs { host.onLog(log.plugin, log.message) }
            return host
        }
        let host = try PluginHost(limits: limits)
        if let onLog { host.onLog = onLog }
        if let libraryPath { host.libraryPath = libraryPath }
        for descriptor in descriptors {
            try host.load(path: descriptor.path, params: params[descriptor.name] ?? [:])
        }
        return host
    }
}
